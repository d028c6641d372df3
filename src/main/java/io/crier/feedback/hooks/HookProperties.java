package io.crier.feedback.hooks;

import java.time.Duration;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Provider webhooks' settings.
 *
 * @param snsTrustedOrigin the origins (scheme, host and port, as a regular expression of the whole
 *                         origin) SNS signing certificates and subscription confirmations are
 *                         fetched from; by default SNS's own, https://sns.&lt;region&gt;.amazonaws.com
 * @param mailgunMaxAge    how old a Mailgun request's signed timestamp may be (either way of the
 *                         clock); older is refused as a replay, and so is a token taken before
 * @param perWorkspace     provider webhooks one workspace may have
 */
@ConfigurationProperties("crier.feedback.hooks")
record HookProperties(
        @DefaultValue("https://sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?") String snsTrustedOrigin,
        @DefaultValue("5m") Duration mailgunMaxAge,
        @DefaultValue("20") int perWorkspace) {

    Pattern snsOrigin() {
        return Pattern.compile(snsTrustedOrigin);
    }
}

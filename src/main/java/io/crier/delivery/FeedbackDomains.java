package io.crier.delivery;

import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.crier.delivery.capture.CaptureSmtpServer;

/**
 * The installation's domains for mail that comes back: the bounce domain (the return path's,
 * {@code crier.bounce-domain}) and the reply domain ({@code crier.inbound.reply-domain}). With the
 * built-in capture relay both default to domains under {@code crier.test} (a reserved name no one
 * else can receive mail for), so the whole loop works on loopback with no settings; with a real relay
 * and no bounce domain, mail keeps its From address as return path and start-up says so.
 */
@Component
public class FeedbackDomains {

    /** Mail to {@code bounce@}, {@code complaint@}, {@code ooto@} or {@code reply@} here comes back as such. */
    public static final String SIMULATOR_DOMAIN = "simulator.crier.test";
    static final String CAPTURE_BOUNCE_DOMAIN = "bounces.crier.test";
    static final String CAPTURE_REPLY_DOMAIN = "replies.crier.test";
    private static final Logger log = LoggerFactory.getLogger(FeedbackDomains.class);

    private final Optional<String> bounceDomain;
    private final Optional<String> replyDomain;
    private final boolean capturing;

    FeedbackDomains(@Value("${crier.bounce-domain:}") String bounceDomain,
            @Value("${crier.inbound.reply-domain:}") String replyDomain, ObjectProvider<CaptureSmtpServer> capture) {
        this.capturing = capture.getIfAvailable() != null;
        this.bounceDomain = configuredOr(bounceDomain, CAPTURE_BOUNCE_DOMAIN);
        this.replyDomain = configuredOr(replyDomain, CAPTURE_REPLY_DOMAIN);
        if (this.bounceDomain.isEmpty()) {
            log.warn("No bounce domain (crier.bounce-domain): mail goes out with its From address as return path, "
                    + "so bounces reported after the SMTP conversation are not heard");
        }
    }

    /** The default domain of return paths; a sending domain's own return-path domain comes first. */
    public Optional<String> bounceDomain() {
        return bounceDomain;
    }

    /** The domain of rewritten reply addresses, when replies come back to Crier. */
    public Optional<String> replyDomain() {
        return replyDomain;
    }

    /** True with the built-in capture relay, whose simulator addresses come back through the inbound path. */
    public boolean capturing() {
        return capturing;
    }

    private Optional<String> configuredOr(String configured, String captureDefault) {
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured.trim().toLowerCase(Locale.ROOT));
        }
        return capturing ? Optional.of(captureDefault) : Optional.empty();
    }
}

package io.crier.sender;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import io.crier.shared.ApiException;

/**
 * Whether a From address may be used: always when {@code crier.senders.verify-domains} is false;
 * otherwise only on a domain the workspace has verified (exactly that domain: a subdomain is a
 * domain of its own, with its own records).
 */
@Component
class DomainPolicy {

    private final SendingDomains domains;
    private final boolean verifyDomains;

    DomainPolicy(SendingDomains domains, SenderProperties properties, Environment environment) {
        this.domains = domains;
        this.verifyDomains = properties.verifyDomains() != null ? properties.verifyDomains()
                : realRelayConfigured(environment);
    }

    boolean verifiesDomains() {
        return verifyDomains;
    }

    /** A 400 naming {@code field} unless mail may go out From {@code email} in this workspace. */
    void requireUsable(UUID workspaceId, String email, String field) {
        refusal(workspaceId, email).ifPresent(reason -> {
            throw ApiException.invalid(field, reason);
        });
    }

    /** Why mail may not go out From {@code email} in this workspace, if it may not. */
    Optional<String> refusal(UUID workspaceId, String email) {
        if (!verifyDomains || email == null) {
            return Optional.empty();
        }
        String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (domains.verifiedElsewhere(workspaceId, domain)) {
            return Optional.of("is on " + domain + ", a domain another workspace has verified");
        }
        if (!domains.isVerified(workspaceId, domain)) {
            return Optional.of("is on " + domain + ", which is not a verified sending domain of this workspace:"
                    + " add it with POST /v1/domains, publish its records, then verify it");
        }
        return Optional.empty();
    }

    /**
     * The settings name a relay (crier.smtp.host, or relays or pools of them), as opposed to the
     * built-in capture server, which only shows mail to the developer.
     */
    static boolean realRelayConfigured(Environment environment) {
        return StringUtils.hasText(environment.getProperty("crier.smtp.host"))
                || StringUtils.hasText(environment.getProperty("crier.smtp.relays[0].host"))
                || StringUtils.hasText(environment.getProperty("crier.smtp.pools[0].name"));
    }
}

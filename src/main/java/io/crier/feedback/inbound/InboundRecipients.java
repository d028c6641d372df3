package io.crier.feedback.inbound;

import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.crier.delivery.DeliveryReferences;
import io.crier.delivery.DeliveryReferences.Kind;
import io.crier.delivery.FeedbackDomains;
import io.crier.sender.SenderDirectory;

/**
 * Which RCPT TO the inbound listener takes, so it is never an open relay: only Crier's own
 * domains (the bounce domain, the reply domain, and every sending domain's return-path domain
 * {@code bounces.<domain>}), and there only an address Crier made (a return path, reply address or
 * mailto unsubscribe address whose token verifies) or {@code postmaster}, which RFC 5321 requires.
 */
@Component
class InboundRecipients {

    private final FeedbackDomains domains;
    private final SenderDirectory senders;
    private final DeliveryReferences references;

    InboundRecipients(FeedbackDomains domains, SenderDirectory senders, DeliveryReferences references) {
        this.domains = domains;
        this.senders = senders;
        this.references = references;
    }

    /** Why the listener refuses mail for this address; empty when it takes it. */
    Optional<String> refusal(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return Optional.of("5.1.3 Not an address");
        }
        String local = address.substring(0, at).toLowerCase(Locale.ROOT);
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!ours(domain)) {
            return Optional.of("5.7.1 Relaying denied: this server takes mail for its own domains only");
        }
        if (local.equals("postmaster")) {
            return Optional.empty();
        }
        boolean made = references.read(address).map(reference -> reference.kind() != Kind.MESSAGE_ID).orElse(false);
        return made ? Optional.empty() : Optional.of("5.1.1 No such address here");
    }

    private boolean ours(String domain) {
        return domains.bounceDomain().filter(domain::equals).isPresent()
                || domains.replyDomain().filter(domain::equals).isPresent()
                || senders.isReturnPathDomain(domain);
    }
}

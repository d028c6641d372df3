package io.crier.delivery.engine;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.crier.delivery.ForwardingRelay;
import io.crier.delivery.capture.CaptureSmtpServer;
import io.crier.delivery.capture.MailAttribution;
import io.crier.delivery.smtp.PoolRouting;
import io.crier.delivery.smtp.SendOutcome;
import io.crier.delivery.smtp.SmtpProperties;

/** {@link ForwardingRelay} over the engine's senders ({@link OneOffSends}). */
@Component
class Forwarder implements ForwardingRelay {

    private final OneOffSends oneOffs;
    private final PoolRouting routing;
    private final ReturnPaths returnPaths;
    private final SmtpProperties smtp;
    private final MailAttribution attribution;
    private final boolean capturing;

    Forwarder(OneOffSends oneOffs, PoolRouting routing, ReturnPaths returnPaths, SmtpProperties smtp,
            MailAttribution attribution, ObjectProvider<CaptureSmtpServer> capture) {
        this.oneOffs = oneOffs;
        this.routing = routing;
        this.returnPaths = returnPaths;
        this.smtp = smtp;
        this.attribution = attribution;
        this.capturing = capture.getIfAvailable() != null;
    }

    @Override
    public boolean sendsHere() {
        return oneOffs.served();
    }

    @Override
    public Outcome forward(UUID workspaceId, UUID campaignId, String campaignFrom, byte[] message, String recipient) {
        String envelopeFrom = returnPaths.domainFor(workspaceId, PoolRouting.domainOf(campaignFrom))
                .map(domain -> "postmaster@" + domain).orElse(campaignFrom);
        if (capturing) {
            // The dev inbox files it under the workspace, as it does the workspace's own mail.
            String messageId = messageId(message);
            if (messageId != null) {
                attribution.remember(messageId, workspaceId);
            }
        }
        OneOffSends.OneOff oneOff = new OneOffSends.OneOff(routing.poolOfCampaign(workspaceId, campaignId,
                campaignFrom), message, envelopeFrom, recipient);
        SendOutcome sent = oneOffs.send(List.of(oneOff), smtp.timeout().multipliedBy(2)).getFirst();
        return new Outcome(switch (sent.kind()) {
            case SENT -> Outcome.Kind.SENT;
            case BOUNCED -> Outcome.Kind.REFUSED;
            case DEFERRED, NOT_STARTED -> Outcome.Kind.DEFERRED;
        }, sent.reply());
    }

    private static String messageId(byte[] message) {
        try {
            String value = new InternetHeaders(new ByteArrayInputStream(message)).getHeader("Message-ID", null);
            return value == null ? null : value.trim();
        } catch (MessagingException unreadable) {
            return null;
        }
    }
}

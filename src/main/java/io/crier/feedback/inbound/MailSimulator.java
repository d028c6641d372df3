package io.crier.feedback.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.client.SmartClient;

import io.crier.delivery.FeedbackDomains;
import io.crier.delivery.MailCaptured;

/**
 * The mailbox simulator of the built-in capture relay, like SES's: mail captured for
 * {@code bounce@}, {@code complaint@}, {@code ooto@} or {@code reply@}
 * {@value FeedbackDomains#SIMULATOR_DOMAIN} comes back a moment later through the real inbound
 * path, over SMTP on loopback to the inbound listener: a DSN, an ARF report or an out-of-office
 * auto-reply to the message's return path, or a reply to its Reply-To (else From), quoting its
 * Message-ID. When the listener does not take that reply address (a person's mailbox, which Crier
 * would poll), the reply goes to its postmaster, where it is matched by the Message-ID it quotes.
 */
@Component
class MailSimulator {

    private static final Logger log = LoggerFactory.getLogger(MailSimulator.class);

    private final InboundSmtpServer listener;
    private final InboundRecipients recipients;
    private final FeedbackDomains domains;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

    MailSimulator(InboundSmtpServer listener, InboundRecipients recipients, FeedbackDomains domains) {
        this.listener = listener;
        this.recipients = recipients;
        this.domains = domains;
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    @EventListener
    void captured(MailCaptured mail) {
        for (String to : mail.envelopeTo()) {
            String address = to.toLowerCase(Locale.ROOT);
            if (address.endsWith("@" + FeedbackDomains.SIMULATOR_DOMAIN)) {
                senders.submit(() -> answer(address.substring(0, address.indexOf('@')), mail));
            }
        }
    }

    private void answer(String mailbox, MailCaptured mail) {
        try {
            SimulatedMail simulated = new SimulatedMail(mail.raw(), mailbox + "@" + FeedbackDomains.SIMULATOR_DOMAIN);
            String returnPath = mail.envelopeFrom();
            switch (mailbox) {
                case "bounce" -> send("", returnPath, simulated.bounce(returnPath));
                case "complaint" -> send("", returnPath, simulated.complaint(returnPath));
                case "ooto" -> send("", returnPath, simulated.outOfOffice(returnPath));
                case "reply" -> {
                    String replyTo = replyAddress(mail);
                    send(mailbox + "@" + FeedbackDomains.SIMULATOR_DOMAIN, replyTo, simulated.reply(replyTo));
                }
                default -> log.debug("No simulator behind {}@{}", mailbox, FeedbackDomains.SIMULATOR_DOMAIN);
            }
        } catch (RuntimeException | IOException failed) {
            log.warn("The simulator could not answer mail to {}@{}: {}", mailbox, FeedbackDomains.SIMULATOR_DOMAIN,
                    failed.toString());
        }
    }

    /** Reply-To, else From; the listener's postmaster when it takes neither. */
    private String replyAddress(MailCaptured mail) {
        Optional<String> named = header(mail, "Reply-To").or(() -> header(mail, "From"));
        return named.filter(address -> recipients.refusal(address).isEmpty())
                .orElseGet(() -> "postmaster@" + domains.bounceDomain().orElseThrow());
    }

    private static Optional<String> header(MailCaptured mail, String name) {
        try {
            String value = new InternetHeaders(new ByteArrayInputStream(mail.raw())).getHeader(name, ",");
            InternetAddress[] addresses = value == null ? new InternetAddress[0] : InternetAddress.parseHeader(value, false);
            return addresses.length == 0 ? Optional.empty() : Optional.ofNullable(addresses[0].getAddress());
        } catch (MessagingException unreadable) {
            return Optional.empty();
        }
    }

    private void send(String from, String to, byte[] message) throws IOException {
        SmartClient client = SmartClient.createAndConnect(InetAddress.getLoopbackAddress().getHostAddress(),
                listener.port(), FeedbackDomains.SIMULATOR_DOMAIN);
        try {
            client.from(from);
            client.to(to);
            client.dataStart();
            client.dataWrite(message);
            client.dataEnd();
        } finally {
            client.quit();
        }
    }
}

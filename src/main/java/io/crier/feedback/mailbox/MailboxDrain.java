package io.crier.feedback.mailbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.crier.feedback.InboundMail;

/**
 * Moves one batch of messages from an open mailbox into the inbound queue. Each message is handed
 * to {@link InboundMail} and only once that has committed it is marked deleted; closing the folder
 * removes the marked ones (IMAP's expunge, POP3's QUIT). A connection lost before that leaves them in
 * the mailbox, and the next poll hands them over again, which the queue takes once (by Message-ID).
 * A message the queue refuses outright (too large, not mail) is deleted as well: it never will be taken.
 */
@Component
class MailboxDrain {

    /** Recipients read from one message's headers at most: hostile mail can name thousands. */
    private static final int MAX_RECIPIENTS = 20;
    private static final List<String> RECIPIENT_HEADERS = List.of("Delivered-To", "X-Original-To", "To");
    private static final Logger log = LoggerFactory.getLogger(MailboxDrain.class);

    private final InboundMail inbound;

    MailboxDrain(InboundMail inbound) {
        this.inbound = inbound;
    }

    /**
     * Takes up to {@code batch} messages from the mailbox's folder; returns how many it took (into
     * the queue, or refused by it). A failure of the queue itself stops the batch, deleting only
     * what was taken before it.
     */
    int drain(Store store, MailboxSettings settings, UUID workspaceId, int batch) throws MessagingException {
        Folder folder = store.getFolder(settings.folder());
        if (!folder.exists()) {
            throw new MessagingException(settings.missingFolder());
        }
        folder.open(Folder.READ_WRITE);
        int taken = 0;
        try {
            int count = folder.getMessageCount();
            for (int number = 1; number <= count && taken < batch; number++) {
                Message message = folder.getMessage(number);
                if (message.isSet(Flags.Flag.DELETED)) {
                    continue;
                }
                take(message, settings, workspaceId);
                message.setFlag(Flags.Flag.DELETED, true);
                taken++;
            }
        } finally {
            folder.close(true);
        }
        return taken;
    }

    private void take(Message message, MailboxSettings settings, UUID workspaceId) throws MessagingException {
        InboundMail.Origin origin = new InboundMail.Origin(settings.protocol().channel(), workspaceId,
                recipients(message));
        try {
            inbound.accept(raw(message), origin);
        } catch (InboundMail.InboundRefused refused) {
            log.warn("The inbound queue refused message {} of mailbox {}, which is deleted: {}",
                    message.getMessageNumber(), settings, refused.getMessage());
        }
    }

    private static byte[] raw(Message message) throws MessagingException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try {
            message.writeTo(raw);
        } catch (IOException e) {
            throw new MessagingException("reading message " + message.getMessageNumber() + " failed", e);
        }
        return raw.toByteArray();
    }

    /** The addresses the message was delivered to, as its Delivered-To, X-Original-To and To headers say. */
    static List<String> recipients(Message message) throws MessagingException {
        Set<String> addresses = new LinkedHashSet<>();
        for (String header : RECIPIENT_HEADERS) {
            String[] values = message.getHeader(header);
            for (String value : values == null ? new String[0] : values) {
                try {
                    for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                        if (address.getAddress() != null && addresses.size() < MAX_RECIPIENTS) {
                            addresses.add(address.getAddress());
                        }
                    }
                } catch (AddressException unreadable) {
                    // Hostile or broken headers name no recipient; the queue still matches by the rest.
                }
            }
        }
        return List.copyOf(addresses);
    }
}

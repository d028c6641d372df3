package io.crier.feedback;

import java.util.List;
import java.util.UUID;

/**
 * The durable inbound queue: raw mail (a bounce, a complaint report, a reply) is stored here before
 * its sender hears 250 or its mailbox copy is deleted, then parsed and handed to
 * {@link FeedbackIntake} by a worker. A message seen before (by Message-ID) is taken once.
 */
public interface InboundMail {

    /** Where a message came in and for whom. */
    record Origin(Channel channel, UUID workspaceId, List<String> envelopeRecipients) {

        public Origin {
            envelopeRecipients = List.copyOf(envelopeRecipients);
        }
    }

    /** The way a message arrived. */
    enum Channel { SMTP, IMAP, POP3, SIMULATOR }

    /**
     * Stores the message durably; returns once it is committed.
     *
     * @throws InboundRefused when the message is refused outright (too large, not mail at all),
     *                        with the reason the sender is told
     */
    void accept(byte[] raw, Origin origin);

    /** A message refused at the door, with the reason. */
    final class InboundRefused extends RuntimeException {

        public InboundRefused(String reason) {
            super(reason);
        }
    }
}

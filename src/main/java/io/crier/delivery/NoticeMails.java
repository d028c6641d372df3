package io.crier.delivery;

import java.util.UUID;

/**
 * Mail Crier sends to one address on a workspace's behalf (a sign-up's confirmation), from the
 * workspace's default sender, on the transactional path: queued, sent, retried and suppressed like
 * any transactional message, and captured by the dev inbox when no relay is set up.
 */
public interface NoticeMails {

    /**
     * Queues the message in the caller's transaction and returns its id (as {@code /v1/mails}
     * shows it). An address the workspace suppresses gets no mail. A 400 naming {@code from} when
     * the workspace has no default sender.
     */
    UUID send(UUID workspaceId, String to, String subject, String html, String text);
}

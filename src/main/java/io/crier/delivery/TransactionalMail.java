package io.crier.delivery;

import java.util.UUID;

import io.crier.content.Threading;

import tools.jackson.databind.JsonNode;

/**
 * Transactional mail for other modules: sent exactly as {@code POST /v1/mails/send} sends it (the
 * same body, checks, suppression, engine and ledger), optionally as a reply in a thread; or a
 * notice Crier sends to one address on a workspace's behalf (a sign-up's confirmation).
 */
public interface TransactionalMail {

    /** One message queued (or recorded as suppressed): its id, as {@code GET /v1/mails/{id}} reads it. */
    record Sent(UUID emailId, String status, int recipients) {
    }

    /**
     * Sends {@code body}, a body of {@code POST /v1/mails/send}, with the thread's
     * {@code In-Reply-To} and {@code References} headers. Refuses a bad body with the same 400,
     * naming the same fields, as that call. Returns the first recipient's message.
     */
    Sent send(UUID workspaceId, JsonNode body, Threading threading);

    /**
     * A notice to one address from the workspace's default sender, queued in the caller's
     * transaction like any transactional message (and captured by the dev inbox when no relay is
     * set up); its id as {@code /v1/mails} shows it. An address the workspace suppresses gets no
     * mail. A 400 naming {@code from} when the workspace has no default sender.
     */
    UUID notice(UUID workspaceId, String to, String subject, String html, String text);
}

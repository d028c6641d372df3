package io.crier.delivery;

import java.util.UUID;

import io.crier.content.Threading;

import tools.jackson.databind.JsonNode;

/**
 * Transactional mail for other modules: sent exactly as {@code POST /v1/mails/send} sends it (the
 * same body, checks, suppression, engine and ledger), optionally as a reply in a thread.
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
}

package io.crier.delivery.capture;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.crier.audience.PersonalData;

/**
 * The dev inbox's captured messages to the address or showing it (a copy's To or Cc). They live in
 * this node's memory, not in a table, so erasure removes them once the erasure's transaction has
 * committed: a failed erasure leaves them in place, like everything else.
 */
@Component
class CapturePersonalData implements PersonalData {

    private final DevInbox inbox;

    /** A captured message as the export shows it: the raw message base64-encoded, as the inbound ones. */
    private record Captured(long id, Instant receivedAt, String envelopeFrom, List<String> envelopeTo, byte[] raw) {
    }

    CapturePersonalData(DevInbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public Map<String, Object> export(UUID workspaceId, String email) {
        return Map.of("capturedMessages", inbox.naming(workspaceId, email).stream()
                .map(mail -> new Captured(mail.id(), mail.receivedAt(), mail.envelopeFrom(), mail.envelopeTo(),
                        mail.raw()))
                .toList());
    }

    @Override
    public void erase(UUID workspaceId, String email) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                inbox.erase(workspaceId, email);
            }
        });
    }
}

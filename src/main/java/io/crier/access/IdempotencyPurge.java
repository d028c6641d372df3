package io.crier.access;

import java.time.Duration;

import org.springframework.stereotype.Component;

import io.crier.shared.BackgroundLoop;

/** Deletes Idempotency-Key rows older than their 24 hours, hourly, on every node (the delete is idempotent). */
@Component
class IdempotencyPurge extends BackgroundLoop {

    private final IdempotencyKeys keys;

    IdempotencyPurge(IdempotencyKeys keys) {
        super("idempotency-purge", Duration.ofHours(1));
        this.keys = keys;
    }

    @Override
    protected void step() {
        keys.purge();
    }

    @Override
    protected String roundName() {
        return "Deleting expired idempotency keys";
    }
}

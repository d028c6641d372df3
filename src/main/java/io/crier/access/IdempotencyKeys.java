package io.crier.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.crier.shared.Timestamps;

/**
 * The {@code idempotency_key} rows: a key is claimed (inserted, committed at once) before its call
 * runs, so of several nodes retrying the same call at once exactly one runs it; the answer is
 * written into the row when the call has run. Rows older than {@link #WINDOW} count as absent.
 */
@Repository
class IdempotencyKeys {

    /** How long a key and its answer are kept: AutoSend's 24 hours. */
    static final Duration WINDOW = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final Clock clock;

    IdempotencyKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A call's answer as it was first given. */
    record Answer(int status, String contentType, String location, byte[] body) {
    }

    /** What a claim found: {@code claimed} (run the call), or the row of an earlier call with this key. */
    record Claim(boolean claimed, String requestHash, Optional<Answer> answer) {
    }

    /** Claims the key for a call whose request hashes to {@code requestHash}; else the row already there. */
    Claim claim(UUID workspaceId, String key, String requestHash) {
        Instant now = Timestamps.now(clock);
        jdbc.sql("delete from idempotency_key where workspace_id = :workspaceId and idempotency_key = :key"
                        + " and created_at < :expired")
                .param("workspaceId", workspaceId).param("key", key)
                .param("expired", Timestamps.toDb(now.minus(WINDOW)))
                .update();
        try {
            jdbc.sql("""
                    insert into idempotency_key (workspace_id, idempotency_key, request_hash, created_at)
                    values (:workspaceId, :key, :hash, :now)""")
                    .param("workspaceId", workspaceId).param("key", key).param("hash", requestHash)
                    .param("now", Timestamps.toDb(now))
                    .update();
            return new Claim(true, requestHash, Optional.empty());
        } catch (DuplicateKeyException taken) {
            return existing(workspaceId, key).orElseGet(() -> claim(workspaceId, key, requestHash));
        }
    }

    /** The row with this key, if any (a call released in between leaves none). */
    Optional<Claim> existing(UUID workspaceId, String key) {
        return jdbc.sql("select * from idempotency_key where workspace_id = :workspaceId and idempotency_key = :key")
                .param("workspaceId", workspaceId).param("key", key)
                .query((rs, row) -> {
                    int status = rs.getInt("status");
                    Optional<Answer> answer = rs.wasNull() ? Optional.empty() : Optional.of(new Answer(status,
                            rs.getString("content_type"), rs.getString("location"), rs.getBytes("body")));
                    return new Claim(false, rs.getString("request_hash"), answer);
                })
                .optional();
    }

    /** Keeps the call's answer under its key, committed at once. */
    void answer(UUID workspaceId, String key, Answer answer) {
        jdbc.sql("""
                update idempotency_key set status = :status, content_type = :contentType, location = :location,
                                           body = :body
                where workspace_id = :workspaceId and idempotency_key = :key""")
                .param("status", answer.status()).param("contentType", answer.contentType())
                .param("location", answer.location()).param("body", answer.body())
                .param("workspaceId", workspaceId).param("key", key)
                .update();
    }

    /** Frees the key of a call that did not finish (a 5xx, a 429, an exception), so a retry runs it. */
    void release(UUID workspaceId, String key) {
        jdbc.sql("delete from idempotency_key where workspace_id = :workspaceId and idempotency_key = :key")
                .param("workspaceId", workspaceId).param("key", key)
                .update();
    }

    /** Deletes the keys past the window; returns how many. */
    int purge() {
        return jdbc.sql("delete from idempotency_key where created_at < :expired")
                .param("expired", Timestamps.toDb(Timestamps.now(clock).minus(WINDOW)))
                .update();
    }
}

package io.crier.delivery.engine;

import java.time.Duration;
import java.util.OptionalInt;

import io.crier.delivery.fence.NodeRegistry;
import io.crier.delivery.smtp.SmtpConnection;

/**
 * One sender's right to have its connection open, for a pool with {@code max-connections}
 * ({@link PoolConnections}): a sender takes a lease when work waits for it, before its connection
 * opens, keeps it for as long as it sends (a lease per connection, not per message), and closes the
 * connection and gives the lease back once it has had nothing to send for {@link #IDLE}, so other
 * nodes' senders may have it, or at once when this node fences itself, before the lease can run out.
 * A pool without the limit needs no lease: its senders always hold one.
 */
final class ConnectionLease {

    /** How long a sender keeps its connection and lease with nothing to send. */
    static final Duration IDLE = Duration.ofSeconds(2);

    private final PoolConnections pool;
    private final NodeRegistry node;
    private final SmtpConnection connection;
    private OptionalInt slot = OptionalInt.empty();
    private long lastUsedNanos;

    ConnectionLease(PoolConnections pool, NodeRegistry node, SmtpConnection connection) {
        this.pool = pool;
        this.node = node;
        this.connection = connection;
    }

    /**
     * Whether the sender may send on its connection now: it holds a lease, or took one because
     * {@code workWaits} and one was free.
     */
    boolean hold(boolean workWaits) {
        if (!pool.limited() || slot.isPresent()) {
            return true;
        }
        if (!workWaits) {
            return false;
        }
        slot = pool.take();
        lastUsedNanos = System.nanoTime();
        return slot.isPresent();
    }

    /** The sender has just sent (or tried to). */
    void used() {
        lastUsedNanos = System.nanoTime();
    }

    /** Gives the lease up, its connection closed, if it has been idle too long or this node fences itself. */
    void releaseIfIdleOrFenced() {
        if (slot.isPresent() && (System.nanoTime() - lastUsedNanos > IDLE.toNanos() || node.mustSelfFence())) {
            close();
        }
    }

    /** Closes the connection and gives its lease back. */
    void close() {
        connection.close();
        slot.ifPresent(pool::giveBack);
        slot = OptionalInt.empty();
    }
}

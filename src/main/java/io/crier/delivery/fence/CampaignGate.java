package io.crier.delivery.fence;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;

import jakarta.mail.MessagingException;

/**
 * The pause fence of one campaign on this node. A sender passes the gate and sends MAIL FROM
 * under the read lock; closing takes the write lock, so once {@link #close} returns no sender is
 * between "gate open" and "MAIL FROM sent", and none will start. The gate is also shut while its
 * node is fenced (it has not heartbeat for too long), checked at the moment of MAIL FROM, so the
 * rule holds even when the thread that would close the gates is stuck on the database.
 *
 * <p>A pause call closes its own node's gate at the control version of its change and does not
 * wait for this node's watcher. The watcher may still be applying what it read before that change
 * committed, and would open the gate again on that stale view; so a gate opens only for a state
 * read at the version it was closed at or later.
 */
public final class CampaignGate {

    /** Thrown instead of sending MAIL FROM through a closed gate. */
    public static final class Closed extends MessagingException {

        Closed() {
            super("The campaign's gate is closed");
        }
    }

    /** The command the gate protects: MAIL FROM. */
    public interface Command {
        void run() throws MessagingException;
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final BooleanSupplier nodeFenced;
    private volatile boolean open = true;
    /** The control version of the newest pause fence that closed this gate; guarded by this. */
    private long fencedAtVersion;

    public CampaignGate(BooleanSupplier nodeFenced) {
        this.nodeFenced = nodeFenced;
    }

    public void pass(Command mailFrom) throws MessagingException {
        lock.readLock().lock();
        try {
            if (!isOpen()) {
                throw new Closed();
            }
            mailFrom.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Returns once every MAIL FROM that passed the gate has been sent. */
    public void close() {
        lock.writeLock().lock();
        try {
            open = false;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Closes the gate for a pause or abort whose change has control version {@code version}: no
     * {@link #open} based on an older read undoes it.
     */
    public void closeAt(long version) {
        lock.writeLock().lock();
        try {
            synchronized (this) {
                open = false;
                fencedAtVersion = Math.max(fencedAtVersion, version);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Opens the gate of a campaign found running in a read made after the control clock stood at
     * {@code readAtVersion}; stays shut if a pause fence closed it at a newer version.
     */
    public synchronized void open(long readAtVersion) {
        if (readAtVersion >= fencedAtVersion) {
            open = true;
        }
    }

    public boolean isOpen() {
        return open && !nodeFenced.getAsBoolean();
    }
}

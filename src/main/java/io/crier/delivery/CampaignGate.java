package io.crier.delivery;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import jakarta.mail.MessagingException;

/**
 * The pause fence of one campaign on this node. A sender passes the gate and sends MAIL FROM
 * under the read lock; closing takes the write lock, so once {@link #close} returns no sender is
 * between "gate open" and "MAIL FROM sent", and none will start.
 */
final class CampaignGate {

    /** Thrown instead of sending MAIL FROM through a closed gate. */
    static final class Closed extends MessagingException {

        Closed() {
            super("The campaign's gate is closed");
        }
    }

    /** The command the gate protects: MAIL FROM. */
    interface Command {
        void run() throws MessagingException;
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean open = true;

    void pass(Command mailFrom) throws MessagingException {
        lock.readLock().lock();
        try {
            if (!open) {
                throw new Closed();
            }
            mailFrom.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Returns once every MAIL FROM that passed the gate has been sent. */
    void close() {
        lock.writeLock().lock();
        try {
            open = false;
        } finally {
            lock.writeLock().unlock();
        }
    }

    void open() {
        open = true;
    }

    boolean isOpen() {
        return open;
    }
}

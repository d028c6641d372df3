package io.crier.delivery.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.crier.delivery.smtp.SendOutcome;
import io.crier.shared.ApiException;

/**
 * Messages that are no delivery of the ledger (test messages, forwarded replies) waiting for the
 * engine's senders of the pool they go through: each sender of that pool takes one before its next
 * campaign message and sends it over its own pooled connection after a token of its relay's rate
 * limit, so these messages open no connection of their own and count against the relay's limits
 * like all other mail. Only a node whose engine runs serves them.
 */
@Component
public class OneOffSends {

    /** One message to send through {@code pool}, and where its sender puts what came of it. */
    public record OneOff(String pool, byte[] message, String from, String to, CompletableFuture<SendOutcome> outcome) {

        public OneOff(String pool, byte[] message, String from, String to) {
            this(pool, message, from, to, new CompletableFuture<>());
        }
    }

    private final Map<String, BlockingQueue<OneOff>> waiting = new ConcurrentHashMap<>();
    private volatile boolean served;

    /** Whether this node's engine sends them. */
    public boolean served() {
        return served;
    }

    /** A 503 when this node sends no mail. */
    public void checkServed() {
        if (!served) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SENDING_DISABLED",
                    "This node sends no mail (crier.delivery.enabled=false): send the test through one that does");
        }
    }

    /**
     * Sends each message through the engine and waits for all of them, at most {@code wait} in all;
     * a message no sender got to by then is not sent and comes back deferred.
     */
    public List<SendOutcome> send(List<OneOff> messages, Duration wait) {
        checkServed();
        messages.forEach(message -> queueOf(message.pool()).add(message));
        long deadline = System.nanoTime() + wait.toNanos();
        List<SendOutcome> outcomes = new ArrayList<>();
        for (OneOff message : messages) {
            outcomes.add(outcome(message, deadline, wait));
        }
        return outcomes;
    }

    private static SendOutcome outcome(OneOff message, long deadline, Duration wait) {
        try {
            return message.outcome().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Cancelled, a sender that takes it later leaves it.
            message.outcome().cancel(false);
            return new SendOutcome(SendOutcome.Kind.DEFERRED, "no sender got to it within " + wait.toSeconds()
                    + " s; not sent", null);
        } catch (ExecutionException e) {
            return new SendOutcome(SendOutcome.Kind.DEFERRED, "internal error: "
                    + e.getCause().getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            message.outcome().cancel(false);
            return new SendOutcome(SendOutcome.Kind.DEFERRED, "interrupted; not sent", null);
        }
    }

    /** Whether a message waits for a sender of the pool. */
    boolean hasWaiting(String pool) {
        BlockingQueue<OneOff> queue = waiting.get(pool);
        return queue != null && !queue.isEmpty();
    }

    /** The pool's next waiting message nobody gave up on, or null. */
    OneOff next(String pool) {
        BlockingQueue<OneOff> queue = waiting.get(pool);
        OneOff next = queue == null ? null : queue.poll();
        while (next != null && next.outcome().isDone()) {
            next = queue.poll();
        }
        return next;
    }

    private BlockingQueue<OneOff> queueOf(String pool) {
        return waiting.computeIfAbsent(pool, name -> new LinkedBlockingQueue<>());
    }

    void startServing() {
        served = true;
    }

    /** The engine stopped: what still waits is not sent. */
    void stopServing() {
        served = false;
        for (BlockingQueue<OneOff> queue : waiting.values()) {
            for (OneOff left = queue.poll(); left != null; left = queue.poll()) {
                left.outcome().complete(new SendOutcome(SendOutcome.Kind.DEFERRED, "the node was stopping; not sent",
                        null));
            }
        }
    }
}

package io.crier.delivery.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import io.crier.delivery.smtp.RelayPool;

/**
 * The claimed deliveries waiting for senders, one queue per relay pool: a pool's senders take
 * only mail routed to it. Each queue holds {@link DeliveryEngine#QUEUED_PER_CONNECTION} per
 * connection of its pool; a pool without connections on this node has none, and its mail is left
 * to the nodes that have.
 */
final class PoolQueues {

    private final Map<String, BlockingQueue<SendJob>> queues = new LinkedHashMap<>();

    PoolQueues(List<RelayPool> pools) {
        for (RelayPool pool : pools) {
            int connections = pool.connections().size();
            if (connections > 0) {
                queues.put(pool.name(), new ArrayBlockingQueue<>(connections * DeliveryEngine.QUEUED_PER_CONNECTION));
            }
        }
    }

    /** The pool's queue; null when this node has no connection to the pool. */
    BlockingQueue<SendJob> of(String pool) {
        return queues.get(pool);
    }

    /** Whether the pool's senders took at least half of what was queued for them: worth claiming more. */
    static boolean wantsMore(BlockingQueue<SendJob> queue) {
        return queue.remainingCapacity() >= (queue.size() + queue.remainingCapacity()) / 2;
    }

    /** Empties every queue: the claims the senders will not send. */
    List<SendJob> drain() {
        List<SendJob> unsent = new ArrayList<>();
        queues.values().forEach(queue -> queue.drainTo(unsent));
        return unsent;
    }
}

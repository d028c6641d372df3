package io.crier.delivery.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.crier.delivery.DeliveryProperties;
import io.crier.delivery.fence.NodeRegistry;
import io.crier.delivery.smtp.RelayPool;
import io.crier.delivery.smtp.SmtpProperties;

/**
 * This node's engine: registers the node, then runs the control watcher, the dispatcher, one
 * sender per connection of each relay pool, the outcome recorder, the housekeeper and the audience snapshotter, each on its own
 * virtual thread. Stopping lets senders finish their message, gives unsent claims back and
 * flushes every outcome before the node leaves. Its loops come from three collaborators, each a
 * bean: the {@link Claimer} (watcher, dispatcher, housekeeper, snapshotter), the {@link Senders}
 * and the {@link Recorder}; each start builds them anew, so a stopped engine can start again.
 * {@code crier.delivery.enabled=false} makes a node that serves the API but sends nothing: no
 * engine and none of its collaborators.
 */
@Component
@ConditionalOnBooleanProperty(name = "crier.delivery.enabled", matchIfMissing = true)
final class DeliveryEngine implements SmartLifecycle {

    /**
     * Claimed deliveries waiting per SMTP connection. The dispatcher refills the queue when it is half
     * empty, so each claim takes about this many rows per connection: large enough that the claim's
     * few statements cost little per message, small enough that a pause has few claims to return.
     */
    static final int QUEUED_PER_CONNECTION = 6;
    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

    private final DeliveryProperties properties;
    private final SmtpProperties smtp;
    private final NodeRegistry node;
    private final OneOffSends oneOffs;
    private final Claimer claimer;
    private final Senders senders;
    private final Recorder recording;
    private final List<Thread> threads = new ArrayList<>();
    private final List<SendWorker> workers = new ArrayList<>();
    private PoolQueues queues;
    private OutcomeRecorder recorder;
    private Dispatcher dispatcher;
    private ControlWatcher watcher;
    private Housekeeper housekeeper;
    private AudienceSnapshotter snapshotter;
    private volatile boolean running;

    DeliveryEngine(DeliveryProperties properties, SmtpProperties smtp, NodeRegistry node, OneOffSends oneOffs,
            Claimer claimer, Senders senders, Recorder recording) {
        this.properties = properties;
        this.smtp = smtp;
        this.node = node;
        this.oneOffs = oneOffs;
        this.claimer = claimer;
        this.senders = senders;
        this.recording = recording;
    }

    @Override
    public synchronized void start() {
        List<RelayPool> pools = senders.pools();
        int connections = pools.stream().mapToInt(pool -> pool.connections().size()).sum();
        queues = new PoolQueues(pools);
        // A warning, not a refusal: a shorter lease only widens the duplicate window after a partition.
        properties.leaseShortfall(smtp.timeout()).ifPresent(log::warn);
        node.register();
        int orphaned = claimer.releaseOrphans();
        if (orphaned > 0) {
            log.info("Returned {} deliveries claimed by this node's previous run to the queue", orphaned);
        }
        Map<String, PoolConnections> connectionLeases = senders.connections(pools);
        watcher = claimer.watcher(connectionLeases);
        watcher.initialize();
        recorder = recording.recorder();
        workers.addAll(senders.workers(pools, queues, connectionLeases, recorder));
        dispatcher = claimer.dispatcher(queues, recorder::pending);
        housekeeper = claimer.housekeeper();
        snapshotter = claimer.snapshotter();
        startThread("crier-recorder", recorder);
        workers.forEach(worker -> startThread("crier-sender", worker));
        startThread("crier-control", watcher);
        startThread("crier-dispatcher", dispatcher);
        startThread("crier-housekeeper", housekeeper);
        for (int i = 0; i < claimer.snapshotWorkers(); i++) {
            startThread("crier-snapshots", snapshotter);
        }
        oneOffs.startServing();
        running = true;
        log.info("Delivery engine started as node {} with {} connection(s) to {}", node.nodeId(), connections,
                pools.stream().map(pool -> pool.name() + " " + pool.relays().stream()
                        .map(r -> r.host() + ":" + r.port()).toList()).toList());
    }

    @Override
    public synchronized void stop() {
        oneOffs.stopServing();
        dispatcher.stop();
        housekeeper.stop();
        snapshotter.stop();
        workers.forEach(SendWorker::stop);
        join("crier-dispatcher", "crier-housekeeper", "crier-snapshots", "crier-sender");
        List<SendJob> unsent = queues.drain();
        unsent.forEach(job -> recorder.release(job.delivery().id()));
        recorder.stop();
        join("crier-recorder");
        watcher.stop();
        join("crier-control");
        node.deregister();
        // A stopped engine can be started again (a paused test context is): with threads of its own.
        threads.clear();
        workers.clear();
        running = false;
        log.info("Delivery engine stopped; {} unsent claim(s) returned to the queue", unsent.size());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * The engine threads that have ended while the engine runs. Each loop outlives any error of
     * its own, so one here is a thread that died of something no loop caught: the node would
     * serve the API but no longer send.
     */
    synchronized List<String> deadThreads() {
        return running ? threads.stream().filter(thread -> !thread.isAlive()).map(Thread::getName).toList() : List.of();
    }

    private void startThread(String name, Runnable task) {
        threads.add(Thread.ofVirtual().name(name).start(task));
    }

    private void join(String... names) {
        List<String> wanted = List.of(names);
        for (Thread thread : threads) {
            if (wanted.contains(thread.getName())) {
                try {
                    thread.join(smtp.timeout().toMillis() + 5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}

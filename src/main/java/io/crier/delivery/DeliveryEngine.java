package io.crier.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.dkim.DkimSigning;
import io.crier.shared.Timestamps;
import io.crier.suppression.UnsubscribeLinks;
import io.github.bucket4j.Bucket;

/**
 * This node's engine: registers the node, then runs the control watcher, the dispatcher, one
 * sender per relay connection, the outcome recorder, the housekeeper and the audience snapshotter, each on its own
 * virtual thread. Stopping lets senders finish their message, gives unsent claims back and
 * flushes every outcome before the node leaves.
 */
final class DeliveryEngine implements SmartLifecycle {

    /**
     * Claimed deliveries waiting per SMTP connection. The dispatcher refills the queue when it is half
     * empty, so each claim takes about this many rows per connection: large enough that the claim's
     * few statements cost little per message, small enough that a pause has few claims to return.
     */
    static final int QUEUED_PER_CONNECTION = 6;
    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

    private final EngineParts parts;
    private final List<Thread> threads = new ArrayList<>();
    private final List<SendWorker> workers = new ArrayList<>();
    private BlockingQueue<SendJob> jobs;
    private OutcomeRecorder recorder;
    private Dispatcher dispatcher;
    private ControlWatcher watcher;
    private Housekeeper housekeeper;
    private AudienceSnapshotter snapshotter;
    private volatile boolean running;

    /** Everything the engine is built from, so its constructor stays readable. */
    record EngineParts(DeliveryProperties properties, SmtpProperties smtp, CaptureSmtpServer capture,
            DeliveryRepository repository, GradualPacer pacer, CampaignRuns campaigns, CampaignStarter starter,
            AudienceSnapshots snapshots, LedgerDurability durability, RunningCampaignsCache running,
            CampaignGates gates, CompiledCampaigns templates, UnsubscribeLinks unsubscribeLinks, DkimSigning dkim,
            NodeRegistry node, MailAttribution attribution, JdbcClient jdbc, TransactionTemplate transactions, Clock clock,
            ApplicationEventPublisher events, EngineMetrics metrics) {
    }

    DeliveryEngine(EngineParts parts) {
        this.parts = parts;
    }

    @Override
    public synchronized void start() {
        List<RelaySettings> relays = relays();
        int connections = relays.stream().mapToInt(RelaySettings::maxConnections).sum();
        jobs = new ArrayBlockingQueue<>(connections * QUEUED_PER_CONNECTION);
        RunningCampaignsCache runningCampaigns = parts.running();
        // A warning, not a refusal: a shorter lease only widens the duplicate window after a partition.
        parts.properties().leaseShortfall(parts.smtp().timeout()).ifPresent(log::warn);
        parts.node().register();
        int orphaned = parts.repository().releaseAllOf(parts.node().nodeId(), Timestamps.now(parts.clock()));
        if (orphaned > 0) {
            log.info("Returned {} deliveries claimed by this node's previous run to the queue", orphaned);
        }
        watcher = new ControlWatcher(parts.jdbc(), parts.repository(), parts.node(), parts.gates(), parts.templates(),
                runningCampaigns, parts.properties());
        watcher.initialize();
        recorder = new OutcomeRecorder(parts.repository(), parts.durability(), parts.transactions(), parts.clock(),
                parts.node().nodeId(), new BounceGuard(runningCampaigns, parts.repository(), parts.campaigns()),
                parts.events(), parts.metrics());
        parts.metrics().watchRecorder(recorder::pending);
        RetryPolicy retries = new RetryPolicy(parts.properties());
        RenderFailureGuard renderFailures = new RenderFailureGuard(parts.campaigns(), parts.repository());
        for (RelaySettings relay : relays) {
            var session = SmtpSessions.forRelay(relay, parts.smtp().timeout().toMillis(), parts.smtp().heloName());
            Bucket rate = relay.rateLimit();
            EngineMetrics.RelayMeters meters = parts.metrics().relay(relay.name());
            for (int i = 0; i < relay.maxConnections(); i++) {
                workers.add(new SendWorker(jobs, new SmtpConnection(session, relay), rate, parts.gates(),
                        parts.templates(), parts.unsubscribeLinks(), parts.dkim(), recorder, renderFailures, meters,
                        retries, parts.attribution(), parts.capture() != null, parts.clock()));
            }
        }
        dispatcher = new Dispatcher(jobs, recorder::pending, parts.repository(), parts.pacer(), parts.campaigns(), runningCampaigns, parts.gates(),
                parts.node(), parts.transactions(), parts.properties(), parts.metrics(), parts.clock());
        housekeeper = new Housekeeper(parts.campaigns(), parts.starter(), parts.repository(), runningCampaigns,
                parts.clock());
        snapshotter = new AudienceSnapshotter(parts.snapshots(), parts.transactions(), parts.properties(),
                parts.clock());
        startThread("crier-recorder", recorder);
        workers.forEach(worker -> startThread("crier-sender", worker));
        startThread("crier-control", watcher);
        startThread("crier-dispatcher", dispatcher);
        startThread("crier-housekeeper", housekeeper);
        startThread("crier-snapshots", snapshotter);
        running = true;
        log.info("Delivery engine started as node {} with {} connection(s) to {}", parts.node().nodeId(),
                connections, relays.stream().map(r -> r.host() + ":" + r.port()).toList());
    }

    @Override
    public synchronized void stop() {
        dispatcher.stop();
        housekeeper.stop();
        snapshotter.stop();
        workers.forEach(SendWorker::stop);
        join("crier-dispatcher", "crier-housekeeper", "crier-snapshots", "crier-sender");
        List<SendJob> unsent = new ArrayList<>();
        jobs.drainTo(unsent);
        unsent.forEach(job -> recorder.release(job.delivery().id()));
        recorder.stop();
        join("crier-recorder");
        watcher.stop();
        join("crier-control");
        parts.node().deregister();
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

    private List<RelaySettings> relays() {
        return RelaySettings.of(parts.smtp(), parts.capture());
    }

    private void startThread(String name, Runnable task) {
        threads.add(Thread.ofVirtual().name(name).start(task));
    }

    private void join(String... names) {
        List<String> wanted = List.of(names);
        for (Thread thread : threads) {
            if (wanted.contains(thread.getName())) {
                try {
                    thread.join(parts.smtp().timeout().toMillis() + 5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}

package io.crier.delivery.engine;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import org.springframework.stereotype.Component;

import io.crier.delivery.DeliveryStatus;
import io.crier.delivery.fence.CampaignGates;
import io.crier.delivery.smtp.RelayError;
import io.crier.delivery.smtp.SendOutcome;
import io.crier.shared.LoopRounds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The engine's metrics ({@code crier_*} at {@code /actuator/prometheus}), in one place so the engine
 * classes only say what happened. Counters are this node's; the queue depth counts the shared ledger,
 * so every node reports the same figure. Gauges are read at scrape time, never on the sending path.
 */
@Component
class EngineMetrics {

    /** The statuses a delivery can still leave: the ledger's queue. */
    private static final List<DeliveryStatus> QUEUE = List.of(DeliveryStatus.QUEUED, DeliveryStatus.CLAIMED,
            DeliveryStatus.DEFERRED);
    /** What an attempt can make of a delivery: the outcomes crier.messages counts. */
    private static final List<DeliveryStatus> OUTCOMES = List.of(DeliveryStatus.SENT, DeliveryStatus.BOUNCED,
            DeliveryStatus.DEFERRED, DeliveryStatus.FAILED);

    private final MeterRegistry registry;
    private final Timer claimLag;
    private final Counter refusedOutcomes;
    private final Counter dispatcherRounds;
    private final Counter housekeeperRounds;
    private volatile IntSupplier recorderBacklog = () -> 0;

    EngineMetrics(MeterRegistry registry, LedgerCounters counters, CampaignGates gates) {
        this.registry = registry;
        for (DeliveryStatus status : QUEUE) {
            Gauge.builder("crier.queue.depth", () -> counters.countWithStatus(status))
                    .description("Deliveries in the ledger with this status, on every node together")
                    .tag("status", status.wire())
                    .register(registry);
        }
        Gauge.builder("crier.recorder.backlog", () -> recorderBacklog.getAsInt())
                .description("Outcomes and releases this node holds that are not yet written to the ledger")
                .register(registry);
        Gauge.builder("crier.campaign.gates", gates::size)
                .description("Pause gates this node holds: one per campaign running, paused or scheduled here")
                .register(registry);
        claimLag = Timer.builder("crier.claim.lag")
                .description("How long after a delivery fell due it was claimed (gradual campaigns left out)")
                .serviceLevelObjectives(seconds(0.01), seconds(0.05), seconds(0.1), seconds(0.5), seconds(1),
                        seconds(5), seconds(30), seconds(60), seconds(300), seconds(900), seconds(3600))
                .register(registry);
        refusedOutcomes = Counter.builder("crier.outcomes.refused")
                .description("Outcomes this node did not record because the delivery was no longer its claim:"
                        + " recorded already, or claimed by another node after this one's lease ran out")
                .register(registry);
        dispatcherRounds = LoopRounds.of(registry, "dispatcher");
        housekeeperRounds = LoopRounds.of(registry, "housekeeper");
        // The calls people make, so their series exist before the first one.
        for (String call : List.of("paused", "aborted")) {
            fenceTimer(call, true);
            fenceTimer(call, false);
        }
    }

    /** The meters of one relay's sending, made once so a send costs no registry lookup. */
    RelayMeters relay(String name) {
        Map<DeliveryStatus, Counter> outcomes = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus status : OUTCOMES) {
            outcomes.put(status, Counter.builder("crier.messages")
                    .description("Messages this node tried to send, by what became of the delivery")
                    .tags("relay", name, "outcome", status.wire())
                    .register(registry));
        }
        Map<RelayError, Counter> errors = new EnumMap<>(RelayError.class);
        for (RelayError error : RelayError.values()) {
            errors.put(error, Counter.builder("crier.relay.errors")
                    .description("Failed SMTP attempts, by the class of the relay's reply")
                    .tags("relay", name, "class", error.tag())
                    .register(registry));
        }
        return new RelayMeters(outcomes, errors);
    }

    /** The recorder of the running engine, whose backlog the gauge shows. */
    void watchRecorder(IntSupplier backlog) {
        recorderBacklog = backlog;
    }

    void claimed(Duration lag) {
        claimLag.record(lag);
    }

    void outcomesRefused(int count) {
        refusedOutcomes.increment(count);
    }

    /** The dispatcher looked at every running campaign once (and claimed what it could). */
    void dispatcherRound() {
        dispatcherRounds.increment();
    }

    /** The housekeeper started what was due and returned what had expired. */
    void housekeeperRound() {
        housekeeperRounds.increment();
    }

    /**
     * How long a pause or abort call waited after its commit until no node would begin another SMTP
     * transaction for the campaign; {@code held} false when that was not confirmed in time (a live
     * node did not apply it, or the database could not be asked).
     */
    void fenceWaited(String status, Duration waited, boolean held) {
        fenceTimer(status, held).record(waited);
    }

    private Timer fenceTimer(String status, boolean held) {
        return Timer.builder("crier.pause.latency")
                .description("How long a pause or abort waited until every node stopped sending the campaign")
                .tags("status", status, "outcome", held ? "held" : "timed_out")
                .serviceLevelObjectives(seconds(0.005), seconds(0.01), seconds(0.025), seconds(0.05), seconds(0.1),
                        seconds(0.25), seconds(0.5), seconds(1), seconds(2.5), seconds(5), seconds(10))
                .register(registry);
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    /** One relay's counters. */
    record RelayMeters(Map<DeliveryStatus, Counter> outcomes, Map<RelayError, Counter> errors) {

        /** An attempt that reached the relay (or tried to), and the status the delivery moves to. */
        void attempted(SendOutcome outcome, DeliveryStatus status) {
            Counter counter = outcomes.get(status);
            if (counter != null) {
                counter.increment();
            }
            if (outcome.error() != null) {
                errors.get(outcome.error()).increment();
            }
        }
    }
}

package io.crier.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The rounds a node's background loops complete ({@code crier_loop_rounds_total}), to prove that
 * nothing happens: once the loop that would do it has run a full round after the moment that
 * mattered, what it did not do by then it will not do, however slow the machine.
 */
public final class Rounds {

    public static final String DISPATCHER = "dispatcher";
    public static final String HOUSEKEEPER = "housekeeper";
    public static final String WEBHOOKS = "webhooks";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ToDoubleFunction<String> completed;

    private Rounds(ToDoubleFunction<String> completed) {
        this.completed = completed;
    }

    /** The loops of the node in this JVM. */
    public static Rounds of(MeterRegistry registry) {
        return new Rounds(loop -> {
            Counter counter = registry.find("crier.loop.rounds").tag("loop", loop).counter();
            return counter == null ? 0 : counter.count();
        });
    }

    /** The loops of the node behind this API, by its Prometheus endpoint. */
    public static Rounds of(Api api) {
        return new Rounds(loop -> PrometheusScrape.of(api).value("crier_loop_rounds_total", "loop", loop));
    }

    /**
     * Returns once {@code loop} has completed a round that began after this call: two more than it
     * had, since the first may have been under way already.
     */
    public void awaitFullRound(String loop) {
        mark(loop).awaitFullRound();
    }

    /** Where {@code loop} stands now, to wait later for a full round begun after this call. */
    public Mark mark(String loop) {
        return new Mark(loop, completed.applyAsDouble(loop));
    }

    /** How many rounds a loop had completed at a moment; marking several nodes first lets their rounds overlap. */
    public final class Mark {

        private final String loop;
        private final double completedThen;

        private Mark(String loop, double completedThen) {
            this.loop = loop;
            this.completedThen = completedThen;
        }

        /** Returns once the loop has completed a round that began after the mark. */
        public void awaitFullRound() {
            Eventually.await("a full " + loop + " round", TIMEOUT, () -> completed.applyAsDouble(loop),
                    now -> now >= completedThen + 2);
        }
    }

    /**
     * Returns once {@code loop} has completed a round that began at {@code moment} of the system
     * clock or later: for a node on the real clock, what falls due then has been seen.
     */
    public void awaitFullRoundAfter(String loop, Instant moment) {
        Eventually.await("the system clock at " + moment, TIMEOUT, Instant::now, now -> !now.isBefore(moment));
        awaitFullRound(loop);
    }
}

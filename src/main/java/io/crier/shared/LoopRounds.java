package io.crier.shared;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The rounds a background loop of this node has completed ({@code crier_loop_rounds_total}, by
 * {@code loop}): a count that stops rising is a loop that has stalled or died.
 */
public final class LoopRounds {

    private LoopRounds() {
    }

    /** The counter of the loop with this name, which increments it after every round it completes. */
    public static Counter of(MeterRegistry registry, String loop) {
        return Counter.builder("crier.loop.rounds")
                .description("Rounds this background loop of the node has completed; a count that stops rising is a stuck loop")
                .tag("loop", loop)
                .register(registry);
    }
}

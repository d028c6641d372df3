package io.crier.content;

import java.time.Duration;

/**
 * How much one render may do: loop iterations, the length of any one value a filter or operator
 * makes, the characters written, and the time taken. Far above any real message, far below what
 * would hurt a node; docs/security.md says what each protects. The time limit is wall-clock
 * time, which a busy machine stretches, so it is the backstop, well above a render's usual
 * microseconds; the other limits stop every known bomb first.
 */
record RenderLimits(int loopIterations, int valueChars, int outputChars, Duration time) {

    /** One recipient's message, every part of it together. */
    static final RenderLimits MESSAGE = new RenderLimits(10_000, 1_000_000, 4_000_000, Duration.ofSeconds(2));

    /**
     * A tracked link, rendered on the public click redirect for whoever has the link: an address
     * needs little, and no click may cost much.
     */
    static final RenderLimits LINK = new RenderLimits(100, 65_536, 8_192, Duration.ofMillis(500));
}

package io.crier.campaign;

/** The final outcomes of one follow-up step: messages the relay accepted, and permanent refusals. */
record StepMetrics(long sent, long bounced) {

    static final StepMetrics ZERO = new StepMetrics(0, 0);
}

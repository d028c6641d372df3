package io.crier.compat.blueshift;

import java.time.Instant;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code PATCH /api/v1/campaigns/{uuid}/update_schedule}, in Blueshift's names. Crier
 * campaigns run once, so a recurring or repeating schedule is refused (422, as Blueshift answers
 * scheduling parameters it cannot take); {@code enddate} is checked and kept nowhere, as on create.
 */
record ScheduleRequest(@NotNull Instant startdate, Instant enddate, String recurring_schedule,
        Map<String, Object> repeating_schedule_attributes) {

    /** The field asking for more than one run, or null if none does. */
    String recurringField() {
        return recurring_schedule != null ? "recurring_schedule"
                : repeating_schedule_attributes != null ? "repeating_schedule_attributes" : null;
    }
}

package io.crier.audience;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * AutoSend's search of a group's entries: its leavers, newest first, within {@code startDate}
 * (inclusive) and {@code endDate}. A group holds unsubscribes only (bounces and complaints are the
 * workspace's suppression list), so {@code reason} may only say {@code unsubscribed}.
 */
record EntrySearch(@NotBlank String groupId,
        @Pattern(regexp = "(?i)unsubscribed", message = "must be unsubscribed: a group holds unsubscribes only") String reason,
        Integer page, Integer limit, Instant startDate, Instant endDate) {
}

package io.crier.audience;

import java.util.List;
import java.util.UUID;

/**
 * One rule of a segment's filter, read and checked by {@link SegmentFilterReader}; the values are
 * already of their operator's type (a String, BigDecimal, Boolean, Instant, or a list of Strings
 * and BigDecimals for {@code in}).
 */
sealed interface SegmentRule {

    /** All (or any) of its rules hold. */
    record Group(boolean all, List<SegmentRule> rules) implements SegmentRule {
    }

    /** A contact's own field, or a custom field (by its name) when {@code field} is null. */
    record FieldRule(ContactField field, String customField, FieldOperator operator, Object value)
            implements SegmentRule {
    }

    /** The contact had the event, in this campaign if not null, in the last {@code withinDays} days if not null. */
    record EventRule(ContactEvent event, UUID campaignId, Integer withinDays, boolean negate) implements SegmentRule {
    }

    /** The contact is a member of the list, or matches the segment, this id names. */
    record ListRule(UUID listId, boolean negate) implements SegmentRule {
    }
}

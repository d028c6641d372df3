package io.crier.audience;

import java.util.Set;

/**
 * The SQL of segment event rules, handed out by the module that owns each event's table (the
 * delivery ledger, tracking events), as {@link AudienceSql} hands out contacts: the segment
 * compiler puts it in the one statement that evaluates a segment, and never reads those tables itself.
 */
public interface ContactEventSql {

    /** The events this module records. */
    Set<ContactEvent> events();

    /**
     * True in SQL when the contact {@code c} had the event: in the campaign {@code campaignParam}
     * names, if not null, and at or after the time {@code sinceParam} names, if not null (both
     * named parameters such as {@code :seg3}, which the caller binds).
     */
    String happened(ContactEvent event, String campaignParam, String sinceParam);
}

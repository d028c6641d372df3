package io.crier.tracking;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.crier.audience.ContactEvent;
import io.crier.audience.ContactEventSql;

/**
 * Segment event rules tracking answers: a contact opened or clicked mail. Only a person's events
 * count, not those of machines (privacy proxies prefetching images, link scanners), as in the
 * unique open and click figures.
 */
@Component
class TrackingContactEvents implements ContactEventSql {

    @Override
    public Set<ContactEvent> events() {
        return EnumSet.of(ContactEvent.OPENED, ContactEvent.CLICKED);
    }

    @Override
    public String happened(ContactEvent event, String campaignParam, String sinceParam) {
        String kind = switch (event) {
            case OPENED -> "open";
            case CLICKED -> "click";
            default -> throw new IllegalArgumentException(event + " is not a tracking event");
        };
        return "exists (select 1 from tracking_event e where e.contact_id = c.id and e.kind = '" + kind
                + "' and not e.machine"
                + (campaignParam == null ? "" : " and e.campaign_id = " + campaignParam)
                + (sinceParam == null ? "" : " and e.occurred_at >= " + sinceParam) + ")";
    }
}

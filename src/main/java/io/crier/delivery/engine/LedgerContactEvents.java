package io.crier.delivery.engine;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.crier.audience.ContactEvent;
import io.crier.audience.ContactEventSql;
import io.crier.delivery.DeliveriesToAddress;

/**
 * Segment event rules the delivery ledger answers: a contact was sent mail (its delivery has a
 * send time, even if a bounce came back later), bounced (when the bounce was recorded), or
 * unsubscribed through mail it was sent (the ledger's unsubscribe time). The contact's mail is
 * the workspace's mail to its address, campaign and transactional ({@link DeliveriesToAddress}).
 */
@Component
class LedgerContactEvents implements ContactEventSql {

    @Override
    public Set<ContactEvent> events() {
        return EnumSet.of(ContactEvent.SENT, ContactEvent.BOUNCED, ContactEvent.UNSUBSCRIBED);
    }

    @Override
    public String happened(ContactEvent event, String campaignParam, String sinceParam) {
        String time = switch (event) {
            case SENT -> "d.sent_at";
            case UNSUBSCRIBED -> "d.unsubscribed_at";
            case BOUNCED -> "d.updated_at";
            default -> throw new IllegalArgumentException(event + " is not recorded in the ledger");
        };
        return DeliveriesToAddress.existsForContact(
                (event == ContactEvent.BOUNCED ? "d.status = 'bounced'" : time + " is not null")
                + (campaignParam == null ? "" : " and d.campaign_id = " + campaignParam)
                + (sinceParam == null ? "" : " and " + time + " >= " + sinceParam));
    }
}

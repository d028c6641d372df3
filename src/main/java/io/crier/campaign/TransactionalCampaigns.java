package io.crier.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.crier.content.MessageContent;
import io.crier.content.Threading;
import io.crier.shared.Ids;
import io.crier.shared.Timestamps;

/**
 * The campaigns behind transactional mail: one per send or bulk call, of kind
 * {@code transactional}, so the engine sends it with the same claims, fence, retries, relays and
 * suppression as any campaign. It is hidden from the campaign API (and so from every dialect),
 * starts sending at once and never pauses on its own: its bounce threshold is {@code off}.
 */
@Service
public class TransactionalCampaigns {

    private static final String NAME = "Transactional mail";

    private final CampaignRepository repository;
    private final Clock clock;

    TransactionalCampaigns(CampaignRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * Inserts a sending transactional campaign with this (already resolved) content and returns its
     * id; the caller adds its deliveries in the same transaction, which this call joins.
     */
    public UUID start(UUID workspaceId, MessageContent content) {
        return start(workspaceId, content, Threading.NONE, null);
    }

    /**
     * As {@link #start(UUID, MessageContent)}, under an unsubscribe group (null for none) and, for a
     * reply, its messages carrying the thread's headers.
     */
    public UUID start(UUID workspaceId, MessageContent content, Threading threading, UUID unsubscribeGroupId) {
        Instant now = Timestamps.now(clock);
        CampaignSettings settings = new CampaignSettings(NAME, content.subject(), content.previewText(),
                new Sender(content.fromEmail(), content.fromName()), content.replyTo(), content.html(), content.text(),
                null, List.of(), List.of(), SendMode.IMMEDIATE, null, null, null, false, false, ThresholdPreset.OFF,
                null, List.of(), null, false, unsubscribeGroupId);
        Campaign campaign = new Campaign(Ids.newId(), workspaceId, settings, CampaignStatus.SENDING, false, now,
                null, null, null, null, null, null, now, now, 0);
        repository.insert(campaign);
        repository.markTransactional(campaign.id(), threading);
        return campaign.id();
    }
}

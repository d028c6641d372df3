package io.crier.tracking;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.crier.content.MessageTemplate;
import io.crier.shared.CrierProperties;
import io.crier.shared.LinkSecret;

/**
 * What the engine asks of tracking: once per compiled campaign step, the tracked links stored
 * for the campaign (so a redirect can only lead to one of them) and a {@link CampaignTracking}
 * that makes each delivery's open pixel and redirects under {@code crier.public-url}.
 */
@Component
public class TrackingLinks {

    private final LinkSecret secret;
    private final LinkRepository links;
    private final String base;

    TrackingLinks(LinkSecret secret, LinkRepository links, CrierProperties properties) {
        this.secret = secret;
        this.links = links;
        this.base = properties.effectivePublicUrl();
    }

    /** The campaign step's tracking; {@link CampaignTracking#NONE} when its template tracks nothing. */
    public CampaignTracking prepare(UUID campaignId, MessageTemplate template) {
        if (!template.tracking().any()) {
            return CampaignTracking.NONE;
        }
        List<String> urls = template.trackedLinks();
        return new CampaignTracking(TrackingTokens.of(secret), base, links.ids(campaignId, urls));
    }
}

package io.crier.tracking;

import io.crier.content.TrackingUrls;

/**
 * One compiled campaign step's tracking, made once ({@link TrackingLinks#prepare}): the stored id
 * of each tracked link by position. Per recipient it only signs tokens.
 */
public final class CampaignTracking {

    /** For a template that tracks nothing. */
    public static final CampaignTracking NONE = new CampaignTracking(null, null, new long[0]);

    private final TrackingTokens tokens;
    private final String base;
    private final long[] linkIds;

    CampaignTracking(TrackingTokens tokens, String base, long[] linkIds) {
        this.tokens = tokens;
        this.base = base;
        this.linkIds = linkIds;
    }

    /** The open pixel and click redirects of one delivery; null when the template tracks nothing. */
    public TrackingUrls forDelivery(long deliveryId) {
        if (tokens == null) {
            return null;
        }
        return new TrackingUrls() {
            @Override
            public String open() {
                return base + TrackingController.OPEN + tokens.open(deliveryId);
            }

            @Override
            public String click(int link) {
                return base + TrackingController.CLICK + tokens.click(deliveryId, linkIds[link]);
            }
        };
    }
}

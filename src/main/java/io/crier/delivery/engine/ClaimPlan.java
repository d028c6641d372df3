package io.crier.delivery.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.crier.campaign.LaunchedCampaign;

/**
 * How one dispatch pass shares the senders' free room among the campaigns that may send now, so
 * no tenant's large campaign starves another's. Transactional mail comes first, each with the
 * whole room: it is small, and someone is waiting for it. The bulk campaigns then share the room
 * equally by workspace, and each workspace's share equally by campaign, at least one row each.
 * The order of workspaces turns with every pass, so the rounding favours none. What a campaign
 * leaves of its share (too few due rows, or its pacing) goes round again on the next pass.
 */
record ClaimPlan(List<Share> shares) {

    /** Up to {@code rows} deliveries to claim for {@code campaign}. */
    record Share(LaunchedCampaign campaign, int rows) {
    }

    static ClaimPlan of(List<LaunchedCampaign> open, int room, long turn) {
        List<Share> shares = new ArrayList<>();
        Map<UUID, List<LaunchedCampaign>> bulkByWorkspace = new LinkedHashMap<>();
        for (LaunchedCampaign campaign : open) {
            if (campaign.transactional()) {
                shares.add(new Share(campaign, room));
            } else {
                bulkByWorkspace.computeIfAbsent(campaign.workspaceId(), id -> new ArrayList<>()).add(campaign);
            }
        }
        List<List<LaunchedCampaign>> workspaces = new ArrayList<>(bulkByWorkspace.values());
        if (workspaces.isEmpty()) {
            return new ClaimPlan(shares);
        }
        int first = (int) (turn % workspaces.size());
        int perWorkspace = Math.ceilDiv(room, workspaces.size());
        for (int i = 0; i < workspaces.size(); i++) {
            List<LaunchedCampaign> campaigns = workspaces.get((first + i) % workspaces.size());
            int perCampaign = Math.max(1, Math.ceilDiv(perWorkspace, campaigns.size()));
            campaigns.forEach(campaign -> shares.add(new Share(campaign, perCampaign)));
        }
        return new ClaimPlan(shares);
    }
}

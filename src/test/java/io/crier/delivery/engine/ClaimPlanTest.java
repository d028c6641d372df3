package io.crier.delivery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.crier.campaign.LaunchedCampaign;
import io.crier.content.MessageContent;
import io.crier.content.Tracking;

/**
 * How a dispatch pass shares the senders' room: transactional mail first, then equal shares by
 * workspace and by campaign within one, the workspaces' order turning from pass to pass. The
 * last test replays the dispatcher's passes over two tenants' campaigns to show the claim order
 * that follows: a small campaign started beside a 50,000-recipient one is not starved.
 */
class ClaimPlanTest {

    static final int ROOM = 48;

    @Test
    void transactionalMailComesFirstWithTheWholeRoom() {
        LaunchedCampaign bulk = campaign(UUID.randomUUID(), false);
        LaunchedCampaign mail = campaign(UUID.randomUUID(), true);

        List<ClaimPlan.Share> shares = ClaimPlan.of(List.of(bulk, mail), ROOM, 0).shares();

        assertThat(shares).extracting(ClaimPlan.Share::campaign).containsExactly(mail, bulk);
        assertThat(shares.getFirst().rows()).isEqualTo(ROOM);
    }

    @Test
    void workspacesShareTheRoomEquallyAndEachWorkspacesCampaignsShareItsPart() {
        UUID big = UUID.randomUUID();
        UUID small = UUID.randomUUID();
        List<LaunchedCampaign> open = List.of(campaign(big, false), campaign(big, false), campaign(big, false),
                campaign(small, false));

        Map<UUID, Integer> rowsPerWorkspace = new HashMap<>();
        ClaimPlan.of(open, ROOM, 0).shares().forEach(share ->
                rowsPerWorkspace.merge(share.campaign().workspaceId(), share.rows(), Integer::sum));

        assertThat(rowsPerWorkspace).containsEntry(big, 24).containsEntry(small, 24);
    }

    @Test
    void everyCampaignMayClaimAtLeastOneRowAndTheWorkspacesTakeTurnsAtGoingFirst() {
        List<LaunchedCampaign> open = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            open.add(campaign(UUID.randomUUID(), false));
        }

        assertThat(ClaimPlan.of(open, ROOM, 0).shares()).allSatisfy(share -> assertThat(share.rows()).isEqualTo(1));
        assertThat(ClaimPlan.of(open, ROOM, 0).shares().getFirst().campaign()).isEqualTo(open.get(0));
        assertThat(ClaimPlan.of(open, ROOM, 1).shares().getFirst().campaign()).isEqualTo(open.get(1));
        assertThat(ClaimPlan.of(open, ROOM, 100).shares().getFirst().campaign()).isEqualTo(open.get(0));
    }

    @Test
    void aSmallCampaignStartedBesideAHugeOneOfAnotherTenantIsClaimedAsFastAsIt() {
        LaunchedCampaign huge = campaign(UUID.randomUUID(), false);
        LaunchedCampaign small = campaign(UUID.randomUUID(), false);
        Map<LaunchedCampaign, Integer> due = new LinkedHashMap<>(Map.of(huge, 50_000));
        List<LaunchedCampaign> claimOrder = new ArrayList<>();
        long turn = 0;
        // The huge campaign has sent 1,000 when the small one starts; each pass the senders have ROOM free.
        while (claimOrder.size() < 1_000) {
            pass(due, ROOM, turn++, claimOrder);
        }
        due.put(small, 500);
        int hugeBefore = count(claimOrder, huge);
        while (due.getOrDefault(small, 0) > 0) {
            pass(due, ROOM, turn++, claimOrder);
        }

        assertThat(count(claimOrder, small)).isEqualTo(500);
        assertThat(count(claimOrder, huge) - hugeBefore).as("the huge campaign's claims while the small one ran")
                .isBetween(500 - ROOM, 500 + ROOM);
    }

    /** One dispatch pass: each share claims what it may of its campaign's due rows, up to the room left. */
    private static void pass(Map<LaunchedCampaign, Integer> due, int room, long turn, List<LaunchedCampaign> order) {
        int left = room;
        for (ClaimPlan.Share share : ClaimPlan.of(List.copyOf(due.keySet()), room, turn).shares()) {
            int claimed = Math.min(Math.min(share.rows(), left), due.get(share.campaign()));
            for (int i = 0; i < claimed; i++) {
                order.add(share.campaign());
            }
            due.merge(share.campaign(), -claimed, Integer::sum);
            left -= claimed;
        }
    }

    private static int count(List<LaunchedCampaign> order, LaunchedCampaign campaign) {
        return (int) order.stream().filter(campaign::equals).count();
    }

    private static LaunchedCampaign campaign(UUID workspaceId, boolean transactional) {
        return new LaunchedCampaign(UUID.randomUUID(), workspaceId,
                new MessageContent("news@crier.test", null, null, "Hi", null, "<p>Hi</p>", null), null, null,
                List.of(), new Tracking(false, false), transactional, null, false);
    }
}

package io.crier.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.ApiPrincipal;
import io.crier.campaign.Campaigns;
import io.crier.shared.ApiException;
import io.crier.shared.ApiResponse;
import io.crier.shared.Ids;
import io.crier.shared.PageQuery;
import io.crier.shared.Timestamps;

/**
 * A campaign's tracking figures beyond its {@code metrics}: clicks per link, and each recipient's
 * opens and clicks as they came.
 */
@RestController
@Tag(name = "Campaigns")
class TrackingReports {

    /**
     * One tracked address: people's clicks, the deliveries whose recipient clicked it, and the
     * clicks of machines (kept out of the other two).
     */
    record LinkClicks(String url, long clicks, long uniqueClicks, long machineClicks) {
    }

    /** The counts of the events a filter matches: people's, and machines' apart. */
    record Totals(long opens, long clicks, long machineOpens, long machineClicks) {
    }

    /** One open or click; {@code url} is the clicked link as written, null for an open. */
    record Activity(long deliveryId, UUID contactId, String email, int step, String event, String url,
            boolean machine, String userAgent, Instant at) {
    }

    private final Campaigns campaigns;
    private final JdbcClient jdbc;

    TrackingReports(Campaigns campaigns, JdbcClient jdbc) {
        this.campaigns = campaigns;
        this.jdbc = jdbc;
    }

    /** Every tracked address of the campaign, in the order first stored. */
    @GetMapping("/v1/campaigns/{id}/links")
    ApiResponse<Map<String, Object>> links(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id) {
        UUID campaignId = campaignId(caller, id);
        List<LinkClicks> links = jdbc.sql("""
                select l.url, min(l.id) as first_id,
                    count(case when e.id is not null and not e.machine then 1 end) as clicks,
                    count(distinct case when not e.machine then e.delivery_id end) as unique_clicks,
                    count(case when e.machine then 1 end) as machine_clicks
                from campaign_link l left join tracking_event e on e.link_id = l.id
                where l.campaign_id = :campaignId
                group by l.url order by first_id""")
                .param("campaignId", campaignId)
                .query((rs, row) -> new LinkClicks(rs.getString("url"), rs.getLong("clicks"),
                        rs.getLong("unique_clicks"), rs.getLong("machine_clicks")))
                .list();
        return ApiResponse.of(Map.of("links", links));
    }

    /**
     * Opens and clicks in the order they came, optionally of one contact or one address, and
     * their totals.
     */
    @GetMapping("/v1/campaigns/{id}/activity")
    ApiResponse<Map<String, Object>> activity(@AuthenticationPrincipal ApiPrincipal caller, @PathVariable String id,
            @RequestParam(required = false) String contactId,
            @RequestParam(required = false) String email,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_LIMIT) int limit) {
        PageQuery query = new PageQuery(page, limit);
        UUID campaignId = campaignId(caller, id);
        UUID contact = contactId == null ? null : Ids.parse(contactId)
                .orElseThrow(() -> ApiException.invalid("contactId", "is not a valid id"));
        String address = email == null ? null : email.trim().toLowerCase(java.util.Locale.ROOT);
        String filter = """
                 from tracking_event e join delivery d on d.id = e.delivery_id
                 left join campaign_link l on l.id = e.link_id
                 where e.campaign_id = :campaignId and e.workspace_id = :workspaceId"""
                + (contact == null ? "" : " and e.contact_id = :contactId")
                + (address == null ? "" : " and d.email = :email");
        List<Activity> rows = jdbc.sql("select e.*, d.email, l.url " + filter
                        + " order by e.occurred_at, e.id limit :limit offset :offset")
                .param("campaignId", campaignId).param("workspaceId", caller.workspaceId())
                .param("contactId", contact).param("email", address)
                .param("limit", query.limit()).param("offset", query.offset())
                .query((rs, row) -> new Activity(rs.getLong("delivery_id"), rs.getObject("contact_id", UUID.class),
                        rs.getString("email"), rs.getInt("step"), rs.getString("kind"), rs.getString("url"),
                        rs.getBoolean("machine"), rs.getString("user_agent"), Timestamps.read(rs, "occurred_at")))
                .list();
        Totals totals = jdbc.sql("""
                select count(case when e.kind = 'open' and not e.machine then 1 end) as opens,
                    count(case when e.kind = 'click' and not e.machine then 1 end) as clicks,
                    count(case when e.kind = 'open' and e.machine then 1 end) as machine_opens,
                    count(case when e.kind = 'click' and e.machine then 1 end) as machine_clicks
                """ + filter)
                .param("campaignId", campaignId).param("workspaceId", caller.workspaceId())
                .param("contactId", contact).param("email", address)
                .query((rs, row) -> new Totals(rs.getLong("opens"), rs.getLong("clicks"), rs.getLong("machine_opens"),
                        rs.getLong("machine_clicks")))
                .single();
        Map<String, Object> body = query.result("activity", rows,
                totals.opens() + totals.clicks() + totals.machineOpens() + totals.machineClicks());
        body.put("totals", totals);
        return ApiResponse.of(body);
    }

    /** The campaign's id; 404 unless it is a campaign of the caller's workspace. */
    private UUID campaignId(ApiPrincipal caller, String id) {
        return campaigns.get(caller.workspaceId(), id).id();
    }
}

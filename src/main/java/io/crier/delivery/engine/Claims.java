package io.crier.delivery.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import io.crier.audience.AudienceSql;
import io.crier.campaign.CampaignSql;
import io.crier.delivery.DeliveryStatus;
import io.crier.shared.Timestamps;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger's claims in SQL: locking due deliveries, leasing them to this node, loading what
 * rendering needs, renewing leases and giving claims back. Every status change is a guarded
 * UPDATE whose guard comes from {@link DeliveryStatus#guard}, so a row can only make the moves the
 * status table allows, and two nodes racing for one row cannot both win.
 */
@Repository
class Claims {

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    /** Not yet final: waiting, or claimed by a node. */
    private static final String OPEN = Stream.of(DeliveryStatus.QUEUED, DeliveryStatus.DEFERRED, DeliveryStatus.CLAIMED)
            .map(DeliveryStatus::sql).collect(Collectors.joining(", "));

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Claims(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Locks up to {@code limit} due deliveries that no other node holds, without claiming them
     * yet; the caller's transaction decides how many to take ({@link #markClaimed}).
     */
    List<Long> lockDue(UUID campaignId, Instant now, int limit) {
        List<Long> ids = new ArrayList<>(lockDue(campaignId, DeliveryStatus.QUEUED, now, limit));
        if (ids.size() < limit) {
            ids.addAll(lockDue(campaignId, DeliveryStatus.DEFERRED, now, limit - ids.size()));
        }
        return ids;
    }

    /**
     * One status at a time and in no particular order, so the {@code delivery_due} index finds the
     * rows and the scan stops at the limit: with {@code status in (...) order by id}, PostgreSQL
     * sorted every pending row of the campaign and H2 locked each of them, per claim, which made
     * claiming cost grow with the campaign (docs/benchmarks.md).
     */
    private List<Long> lockDue(UUID campaignId, DeliveryStatus status, Instant now, int limit) {
        return jdbc.sql("""
                select id from delivery
                where campaign_id = :campaignId and status = %s and not_before <= :now
                limit :limit
                for update skip locked""".formatted(DeliveryStatus.guard(EnumSet.of(status), DeliveryStatus.CLAIMED)))
                .param("campaignId", campaignId)
                .param("now", Timestamps.toDb(now))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /**
     * Leases locked deliveries to this node for {@code lease}. Leases run on the database's clock,
     * which every node shares, so neither a node's skewed clock nor a simulated one in tests can
     * make a live claim look expired.
     */
    void markClaimed(List<Long> ids, String nodeId, Instant now, Duration lease) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("""
                update delivery set status = %s, lease_owner = :nodeId,
                                    lease_until = current_timestamp + %s, updated_at = :now
                where id in (:ids)""".formatted(DeliveryStatus.CLAIMED.sql(), DatabaseTime.MILLIS))
                .param("nodeId", nodeId)
                .param("millis", lease.toMillis())
                .param("now", Timestamps.toDb(now))
                .param("ids", ids)
                .update();
    }

    /**
     * What rendering needs for claimed rows. A deleted contact leaves its fields empty; a
     * transactional message brings its own.
     */
    List<ClaimedDelivery> load(List<Long> ids) {
        return jdbc.sql("""
                select d.id, d.campaign_id, d.workspace_id, d.contact_id, d.step, d.email, d.attempts,
                       %s,
                       d.message_id, d.recipient_name, d.dynamic_data, d.not_before
                from delivery d %s
                where d.id in (:ids) order by d.id""".formatted(AudienceSql.CONTACT_FIELDS,
                        AudienceSql.joinContact("d.contact_id")))
                .param("ids", ids)
                .query((rs, row) -> new ClaimedDelivery(rs.getLong("id"), rs.getObject("campaign_id", UUID.class),
                        rs.getObject("workspace_id", UUID.class), rs.getObject("contact_id", UUID.class),
                        rs.getInt("step"), rs.getString("email"), rs.getInt("attempts"), rs.getString("first_name"),
                        rs.getString("last_name"), rs.getString("user_id"), fields(rs.getString("custom_fields")),
                        rs.getObject("message_id", UUID.class), rs.getString("recipient_name"),
                        fields(rs.getString("dynamic_data")), Timestamps.read(rs, "not_before")))
                .list();
    }

    /**
     * Gives this node's claims back: to the queue, or cancelled when their campaign was aborted
     * meanwhile. A row whose lease ran out and which another node claimed since is that node's:
     * a late release (from a node that was cut off, say) must not requeue what it is sending.
     */
    int release(List<Long> ids, String nodeId, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql(RELEASE + " where id in (:ids) and status = " + RELEASED + " and lease_owner = :nodeId")
                .param("ids", ids)
                .param("nodeId", nodeId)
                .param("now", Timestamps.toDb(now))
                .update();
    }

    /**
     * Extends the leases of this node's claims with less than {@code renewBelow} left, on the
     * database's clock like the claim itself. A live node renews with every heartbeat, so only a
     * node that stopped heartbeating (dead, or cut off from the database) loses its claims, however
     * long a slow relay keeps a delivery waiting. Younger claims are left alone: nearly every
     * delivery is sent and recorded long before, and locking all of a node's claims on every
     * heartbeat made the renewal and the outcome recorder queue behind each other's row locks until
     * the recorder stalled. Rows the recorder holds locked are skipped, not waited for: they are
     * being finished, and a renewal that waited would deadlock with a recorder batch locking the same
     * rows in another order.
     */
    @Transactional
    int renewLeases(String nodeId, Duration lease, Duration renewBelow) {
        List<Long> held = jdbc.sql(("select id from delivery where status = " + DeliveryStatus.CLAIMED.sql() + " and lease_owner = :nodeId"
                        + " and lease_until < current_timestamp + %s for update skip locked")
                        .formatted(DatabaseTime.MILLIS))
                .param("nodeId", nodeId)
                .param("millis", renewBelow.toMillis())
                .query(Long.class)
                .list();
        if (held.isEmpty()) {
            return 0;
        }
        return jdbc.sql("update delivery set lease_until = current_timestamp + %s where id in (:ids)"
                        .formatted(DatabaseTime.MILLIS))
                .param("millis", lease.toMillis())
                .param("ids", held)
                .update();
    }

    /**
     * A node starting under the id of one that is gone (a restart) returns that one's claims to
     * the queue at once: it would otherwise renew them forever without holding them.
     */
    int releaseAllOf(String nodeId, Instant now) {
        return jdbc.sql(RELEASE + " where status = " + RELEASED + " and lease_owner = :nodeId")
                .param("nodeId", nodeId)
                .param("now", Timestamps.toDb(now))
                .update();
    }

    /** Returns the claims of nodes that died (their lease ran out on the database's clock) to the queue. */
    int releaseExpiredLeases(Instant now) {
        return jdbc.sql(RELEASE + " where status = " + RELEASED + " and lease_until < current_timestamp")
                .param("now", Timestamps.toDb(now))
                .update();
    }

    private static final String RELEASE = """
            update delivery set status = case when %s then %s else %s end,
                lease_owner = null, lease_until = null, updated_at = :now""".formatted(
            CampaignSql.isOver("delivery.campaign_id"), DeliveryStatus.CANCELLED.sql(), DeliveryStatus.QUEUED.sql());

    /** The status a release moves rows from, guarded for both of its moves. */
    private static final String RELEASED = DeliveryStatus.guard(EnumSet.of(DeliveryStatus.CLAIMED),
            DeliveryStatus.QUEUED, DeliveryStatus.CANCELLED);

    /**
     * Deliveries not yet final, or an audience still being queued: while either remains, the
     * campaign is not done.
     */
    boolean hasOpenDeliveries(UUID campaignId) {
        return jdbc.sql("""
                select case when exists (select 1 from audience_snapshot where campaign_id = :campaignId)
                    or exists (select 1 from delivery where campaign_id = :campaignId
                               and status in (%s))
                  then 1 else 0 end""".formatted(OPEN))
                .param("campaignId", campaignId)
                .query(Integer.class)
                .single() == 1;
    }

    private Map<String, Object> fields(String column) {
        return column == null ? Map.of() : json.readValue(column, FIELDS);
    }
}

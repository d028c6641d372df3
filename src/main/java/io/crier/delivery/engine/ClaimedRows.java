package io.crier.delivery.engine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;

import io.crier.audience.AudienceSql;
import io.crier.delivery.DeliveryStatus;
import io.crier.shared.DatabaseTime;
import io.crier.shared.Timestamps;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The SQL both dialects share: what locks due rows, what a claim sets, and what it loads. */
final class ClaimedRows implements RowMapper<ClaimedDelivery> {

    /** A claim's lease, on the database's clock; and the move it makes. */
    static final String CLAIM = """
            status = %s, lease_owner = :nodeId, lease_until = current_timestamp + %s, updated_at = :now"""
            .formatted(DeliveryStatus.CLAIMED.sql(), DatabaseTime.MILLIS);

    /** The columns rendering needs, of claimed rows {@code d} and their contact {@code c}. */
    static final String COLUMNS = """
            d.id, d.campaign_id, d.workspace_id, d.contact_id, d.step, d.email, d.attempts, %s,
            d.message_id, d.recipient_name, d.dynamic_data, d.not_before""".formatted(AudienceSql.CONTACT_FIELDS);

    /** The outcome guard: rows still claimed, moving to these statuses. */
    static String outcomeGuard(List<DeliveryResult> results) {
        return DeliveryStatus.guard(EnumSet.of(DeliveryStatus.CLAIMED),
                results.stream().map(DeliveryResult::status).distinct().toArray(DeliveryStatus[]::new));
    }

    /**
     * The ids of up to {@code limit} (an SQL expression) due rows of {@code :campaignId} in one
     * status, locked; one status at a time and in no particular order, so the {@code delivery_due}
     * index finds the rows and the scan stops at the limit: with {@code status in (...) order by id},
     * PostgreSQL sorted every pending row of the campaign and H2 locked each of them, per claim,
     * which made claiming cost grow with the campaign (docs/benchmarks.md).
     */
    static String lockDue(DeliveryStatus status, String limit) {
        return """
                select id from delivery
                where campaign_id = :campaignId and status = %s and not_before <= :now
                limit %s
                for update skip locked""".formatted(DeliveryStatus.guard(EnumSet.of(status), DeliveryStatus.CLAIMED),
                limit);
    }

    /** Selects {@link #COLUMNS} from claimed rows (a table or a {@code with} query) as {@code d}. */
    static String load(String claimed) {
        return "select " + COLUMNS + " from " + claimed + " d " + AudienceSql.joinContact("d.contact_id");
    }

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final JsonMapper json;

    ClaimedRows(JsonMapper json) {
        this.json = json;
    }

    /** A deleted contact leaves its fields empty; a transactional message brings its own. */
    @Override
    public ClaimedDelivery mapRow(ResultSet rs, int row) throws SQLException {
        return new ClaimedDelivery(rs.getLong("id"), rs.getObject("campaign_id", UUID.class),
                rs.getObject("workspace_id", UUID.class), rs.getObject("contact_id", UUID.class),
                rs.getInt("step"), rs.getString("email"), rs.getInt("attempts"), rs.getString("first_name"),
                rs.getString("last_name"), rs.getString("user_id"), fields(rs.getString("custom_fields")),
                rs.getObject("message_id", UUID.class), rs.getString("recipient_name"),
                fields(rs.getString("dynamic_data")), Timestamps.read(rs, "not_before"));
    }

    private Map<String, Object> fields(String column) {
        return column == null ? Map.of() : json.readValue(column, FIELDS);
    }
}

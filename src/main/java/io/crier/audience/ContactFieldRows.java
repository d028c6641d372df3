package io.crier.audience;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import io.crier.shared.Timestamps;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A contact's custom fields as typed rows of {@code contact_field}, which segments' rules read
 * (docs/api.md, "Segments"): each field's text, and its number or time when it is one. A null
 * field has no row, nor has one whose name is longer than a rule may name. Public for the
 * migration that writes the rows of the contacts from before.
 */
public final class ContactFieldRows {

    /** The longest custom field name a segment can filter on. */
    public static final int MAX_NAME_LENGTH = 200;

    private static final String INSERT = """
            insert into contact_field (contact_id, name, text_value, number_value, time_value)
            values (:contactId, :name, :text, :number, :time)""";

    private ContactFieldRows() {
    }

    record Row(UUID contactId, String name, String text, BigDecimal number, Instant time) {
    }

    static List<Row> of(UUID contactId, JsonNode fields) {
        List<Row> rows = new ArrayList<>();
        if (fields == null || !fields.isObject()) {
            return rows;
        }
        fields.properties().forEach(field -> {
            JsonNode value = field.getValue();
            if (value.isNull() || field.getKey().length() > MAX_NAME_LENGTH) {
                return;
            }
            String text = value.isString() ? value.stringValue() : value.toString();
            rows.add(new Row(contactId, field.getKey(), text, value.isNumber() ? value.decimalValue() : null,
                    value.isString() ? SegmentFilterReader.time(text) : null));
        });
        return rows;
    }

    /** Writes these contacts' rows, replacing those they had. */
    static void replace(NamedParameterJdbcTemplate jdbc, Collection<UUID> contactIds, List<Row> rows) {
        if (!contactIds.isEmpty()) {
            jdbc.update("delete from contact_field where contact_id in (:ids)",
                    new MapSqlParameterSource("ids", contactIds));
        }
        insert(jdbc, rows);
    }

    static void insert(NamedParameterJdbcTemplate jdbc, List<Row> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(INSERT, rows.stream().map(row -> new MapSqlParameterSource()
                    .addValue("contactId", row.contactId())
                    .addValue("name", row.name())
                    .addValue("text", row.text())
                    .addValue("number", row.number())
                    .addValue("time", row.time() == null ? null : Timestamps.toDb(row.time())))
                    .toArray(SqlParameterSource[]::new));
        }
    }

    /** Writes the rows of every contact of the database, a page of contacts at a time, in id order. */
    public static void writeAll(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        UUID after = new UUID(0, 0);
        while (true) {
            List<Row> rows = new ArrayList<>();
            List<UUID> page = jdbc.query("select id, custom_fields from contact where id > :after order by id limit 1000",
                    new MapSqlParameterSource("after", after), (row, n) -> {
                        UUID id = row.getObject("id", UUID.class);
                        String fields = row.getString("custom_fields");
                        rows.addAll(of(id, fields == null ? null : json.readTree(fields)));
                        return id;
                    });
            if (page.isEmpty()) {
                return;
            }
            insert(jdbc, rows);
            after = page.getLast();
        }
    }
}

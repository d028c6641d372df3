package io.crier.shared;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rows of a personal-data export as the API spells them: the columns in camel case (H2 reports
 * them upper-cased, PostgreSQL lower-cased) and timestamps as instants, whichever type the driver
 * gave.
 */
public final class ExportRows {

    private ExportRows() {
    }

    public static List<Map<String, Object>> of(List<Map<String, Object>> rows) {
        return rows.stream().map(ExportRows::row).toList();
    }

    private static Map<String, Object> row(Map<String, Object> columns) {
        Map<String, Object> row = new LinkedHashMap<>();
        columns.forEach((column, value) -> row.put(camel(column), value(value)));
        return row;
    }

    private static Object value(Object value) {
        return switch (value) {
            case Timestamp timestamp -> timestamp.toInstant();
            case OffsetDateTime offset -> offset.toInstant();
            case null, default -> value;
        };
    }

    private static String camel(String column) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : column.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }
}

package io.crier.shared;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A table's column of secrets sealed with the {@link SecretBox}, each bound to its row: the owning
 * module seals before it writes, opens after it reads, and calls {@link #resealAll()} on start.
 */
public final class SealedColumn {

    private static final Logger log = LoggerFactory.getLogger(SealedColumn.class);

    private record Row(Object id, String stored) {
    }

    private final SecretBox box;
    private final JdbcClient jdbc;
    private final String table;
    private final String column;

    /** {@code table} has the primary key {@code id}; both names are the code's, never a caller's. */
    public SealedColumn(SecretBox box, JdbcClient jdbc, String table, String column) {
        this.box = box;
        this.jdbc = jdbc;
        this.table = table;
        this.column = column;
    }

    public String seal(String plaintext, Object id) {
        return box.seal(plaintext, context(id));
    }

    public String open(String stored, Object id) {
        return box.open(stored, context(id));
    }

    /**
     * Seals every value still plaintext (written before secrets were sealed) or sealed under an
     * older master key anew under the current one. A row changed meanwhile by another node keeps
     * that node's value. Returns how many rows it sealed.
     */
    public int resealAll() {
        List<Row> rows = jdbc.sql("select id, " + column + " from " + table)
                .query((rs, n) -> new Row(rs.getObject(1), rs.getString(2)))
                .list();
        int resealed = 0;
        for (Row row : rows) {
            String value = box.resealed(row.stored(), context(row.id())).orElse(null);
            if (value != null) {
                resealed += jdbc.sql("update " + table + " set " + column + " = :value where id = :id and "
                        + column + " = :stored")
                        .param("value", value)
                        .param("id", row.id())
                        .param("stored", row.stored())
                        .update();
            }
        }
        if (resealed > 0) {
            log.info("Sealed {} stored {}.{} values under master key {}", resealed, table, column, box.currentKeyId());
        }
        return resealed;
    }

    private String context(Object id) {
        return table + "." + column + " " + id;
    }
}

package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import io.crier.audience.ContactFieldRows;

import tools.jackson.databind.json.JsonMapper;

/** Writes the typed custom-field rows (V34's contact_field) of the contacts from before: SQL cannot read JSON on H2. */
public class V34_1__contact_field_rows extends BaseJavaMigration {

    @Override
    public void migrate(Context context) {
        ContactFieldRows.writeAll(new NamedParameterJdbcTemplate(
                new SingleConnectionDataSource(context.getConnection(), true)), JsonMapper.builder().build());
    }
}

package io.crier.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.support.CrierApiTest;

/**
 * Migration V15 on a database made by earlier versions: of all keys, only the bootstrap key gains
 * {@code installation}. Runs the migrations up to V14 into a schema of its own, adds the keys
 * those versions made, then runs V15.
 */
@CrierApiTest
class InstallationScopeMigrationTest {

    private static final String DEFAULT_WORKSPACE = Workspace.DEFAULT_ID.toString();
    private static final String EVERY_SCOPE = "read,write,send,admin";
    private static final Instant FIRST_START = Instant.parse("2026-01-01T00:00:00Z");

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void onlyTheFirstKeyOfTheDefaultWorkspaceAndTheConfiguredBootstrapKeyGainTheInstallationScope() {
        String schema = "v15_" + UUID.randomUUID().toString().replace("-", "");
        migrate(schema, "14");
        String other = UUID.randomUUID().toString();
        insertWorkspace(schema, DEFAULT_WORKSPACE, 0);
        insertWorkspace(schema, other, 10);
        key(schema, "printed", DEFAULT_WORKSPACE, "Initial admin key", EVERY_SCOPE, 0);
        key(schema, "made by hand", DEFAULT_WORKSPACE, "Bootstrap key", "read", 5);
        key(schema, "configured later", DEFAULT_WORKSPACE, "Bootstrap key", EVERY_SCOPE, 20);
        key(schema, "another of that name", DEFAULT_WORKSPACE, "Bootstrap key", EVERY_SCOPE, 30);
        key(schema, "tenant admin", other, "Initial admin key", EVERY_SCOPE, 10);
        key(schema, "reader", DEFAULT_WORKSPACE, "Reporting", "read", 40);

        migrate(schema, "15");

        Map<String, String> scopes = jdbc.sql("select prefix, scopes from " + schema + ".api_key")
                .query((rs, row) -> Map.entry(rs.getString("prefix"), rs.getString("scopes"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(scopes).containsExactlyInAnyOrderEntriesOf(Map.of(
                "printed", EVERY_SCOPE + ",installation",
                "made by hand", "read",
                "configured later", EVERY_SCOPE + ",installation",
                "another of that name", EVERY_SCOPE,
                "tenant admin", EVERY_SCOPE,
                "reader", "read"));
        jdbc.sql("drop schema " + schema + " cascade").update();
    }

    private void migrate(String schema, String version) {
        Flyway.configure().dataSource(dataSource).schemas(schema).target(version).load().migrate();
    }

    private void insertWorkspace(String schema, String id, int minutesAfterFirstStart) {
        jdbc.sql("insert into " + schema + ".workspace (id, name, created_at) values (:id, 'W', :at)")
                .param("id", UUID.fromString(id)).param("at", at(minutesAfterFirstStart)).update();
    }

    /** A key as earlier versions stored it; its prefix names it in this test. */
    private void key(String schema, String prefix, String workspace, String name, String scopes,
            int minutesAfterFirstStart) {
        jdbc.sql("insert into " + schema + ".api_key (id, workspace_id, name, prefix, key_hash, scopes, created_at)"
                        + " values (:id, :workspace, :name, :prefix, :hash, :scopes, :at)")
                .param("id", UUID.randomUUID()).param("workspace", UUID.fromString(workspace)).param("name", name)
                .param("prefix", prefix).param("hash", UUID.randomUUID().toString()).param("scopes", scopes)
                .param("at", at(minutesAfterFirstStart)).update();
    }

    private static OffsetDateTime at(int minutesAfterFirstStart) {
        return FIRST_START.plusSeconds(60L * minutesAfterFirstStart).atOffset(ZoneOffset.UTC);
    }
}

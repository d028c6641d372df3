package io.crier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Each table is written only by the module that owns it, and read by others only where this test
 * allows it, with the reason. The owners are read from the table in docs/architecture.md ("Table
 * owners"), so the documented map is the one checked; the SQL is found by {@link SqlTableScan} in
 * the string literals of each module's sources.
 */
class TableOwnershipTest {

    private static final Path SOURCES = Path.of("src", "main", "java", "io", "crier");
    /** Flyway's migrations, the common ones and each database's own (db/vendor). */
    private static final Path MIGRATIONS = Path.of("src", "main", "resources", "db");
    private static final Path ARCHITECTURE = Path.of("docs", "architecture.md");

    /** A module's SQL that may read another module's table, and why. */
    record AllowedRead(String module, String table, String why) {
    }

    private static final List<AllowedRead> ALLOWED_READS = List.of(
            new AllowedRead("tracking", "delivery", "the activity report pages a campaign's events with each"
                    + " delivery's address in one query, read only; delivery depends on tracking, so tracking"
                    + " cannot call a type of delivery's (a GDPR export or erasure finds an address's deliveries"
                    + " through SQL the ledger hands out, LedgerAddressSql)"));

    @Test
    void everyMigratedTableHasOneOwner() {
        assertThat(owners().keySet()).as("tables in docs/architecture.md's table owners")
                .containsAll(migratedTables());
    }

    @Test
    void eachModuleWritesOnlyItsOwnTables() {
        assertThat(violations(true)).as("writes of another module's table").isEmpty();
    }

    @Test
    void eachModuleReadsOnlyItsOwnTablesOrAllowedOnes() {
        assertThat(violations(false)).as("reads of another module's table, not allowed").isEmpty();
    }

    @Test
    void everyAllowanceIsStillNeeded() {
        List<String> unused = new ArrayList<>();
        for (AllowedRead allowed : ALLOWED_READS) {
            boolean used = sources().anyMatch(source -> module(source).equals(allowed.module())
                    && SqlTableScan.uses(read(source), owners().keySet()).stream()
                    .anyMatch(use -> !use.write() && use.table().equals(allowed.table())));
            if (!used) {
                unused.add(allowed.module() + " reads " + allowed.table());
            }
        }
        assertThat(unused).as("allowances nothing needs any more").isEmpty();
    }

    @Test
    void theScanFindsAWriteOfAnotherModulesTableAndNotOneInAComment() {
        String source = """
                class Snippet {
                    // update campaign_stats set sent = 1 (a comment, not SQL)
                    void count() {
                        jdbc.sql(\"""
                                update campaign_stats set sent = sent + 1
                                where campaign_id = (select campaign_id from delivery where id = :id)\""").update();
                    }
                }
                """;
        List<SqlTableScan.Use> uses = SqlTableScan.uses(source, Set.of("campaign_stats", "delivery"));

        assertThat(uses).extracting(SqlTableScan.Use::table, SqlTableScan.Use::write)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("campaign_stats", true),
                        org.assertj.core.groups.Tuple.tuple("delivery", false));
    }

    @Test
    void aModuleWritingATableItDoesNotOwnIsAViolation() {
        String source = "class Snippet { String sql = \"delete from delivery where id = :id\"; }";

        assertThat(violations("tracking", "tracking/Snippet.java", source, true))
                .containsExactly("tracking/Snippet.java writes delivery (owned by delivery)");
        assertThat(violations("delivery", "delivery/Snippet.java", source, true)).isEmpty();
    }

    private static List<String> violations(boolean writes) {
        return sources()
                .flatMap(source -> violations(module(source), relative(source), read(source), writes).stream())
                .toList();
    }

    private static List<String> violations(String module, String file, String source, boolean writes) {
        Map<String, String> owners = owners();
        return SqlTableScan.uses(source, owners.keySet()).stream()
                .filter(use -> use.write() == writes && !owners.get(use.table()).equals(module))
                .filter(use -> writes || ALLOWED_READS.stream()
                        .noneMatch(allowed -> allowed.module().equals(module) && allowed.table().equals(use.table())))
                .map(use -> file + (writes ? " writes " : " reads ") + use.table()
                        + " (owned by " + owners.get(use.table()) + ")")
                .distinct()
                .toList();
    }

    private static final Pattern OWNER_ROW = Pattern.compile("^\\| `([a-z_0-9]+)` \\| ([a-z]+) \\|", Pattern.MULTILINE);
    private static final Pattern CREATE_TABLE = Pattern.compile("create table ([a-z_0-9]+)", Pattern.CASE_INSENSITIVE);

    /** Table to owning module, from docs/architecture.md. */
    static Map<String, String> owners() {
        Map<String, String> owners = new TreeMap<>();
        Matcher row = OWNER_ROW.matcher(read(ARCHITECTURE));
        while (row.find()) {
            assertThat(owners.put(row.group(1), row.group(2))).as("owners of " + row.group(1)).isNull();
        }
        return owners;
    }

    private static Set<String> migratedTables() {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MIGRATIONS)) {
            files.filter(file -> file.toString().endsWith(".sql")).forEach(file -> {
                Matcher create = CREATE_TABLE.matcher(read(file));
                while (create.find()) {
                    tables.add(create.group(1).toLowerCase(java.util.Locale.ROOT));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    /** Every module's main sources (the application class at the root belongs to none). */
    private static Stream<Path> sources() {
        try {
            return Files.walk(SOURCES).filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> SOURCES.relativize(path).getNameCount() > 1)
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module is the first package under io.crier; its sub-packages are its own. */
    private static String module(Path source) {
        return SOURCES.relativize(source).getName(0).toString();
    }

    private static String relative(Path source) {
        return SOURCES.relativize(source).toString().replace('\\', '/');
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.crier.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import io.crier.support.TestKeys;

/**
 * A database of its own for one benchmark phase, gone afterwards: embedded H2 in a fresh data
 * directory, or a PostgreSQL database dropped and created again through the server's
 * {@code postgres} database, and dropped at the end.
 */
final class BenchDatabase implements AutoCloseable {

    enum Kind {
        H2, POSTGRES
    }

    private final Kind kind;
    private final Map<String, String> crierProperties = new LinkedHashMap<>();
    private Path embeddedFile;
    private final Runnable cleanup;

    private BenchDatabase(Kind kind, Runnable cleanup) {
        this.kind = kind;
        this.cleanup = cleanup;
    }

    static BenchDatabase create(BenchOptions options) {
        return switch (options.database()) {
            case H2 -> h2();
            case POSTGRES -> postgres(options.get("pg-url", "jdbc:postgresql://127.0.0.1:5432/crier_bench"),
                    options.get("pg-user", "postgres"), options.get("pg-password", ""));
        };
    }

    private static BenchDatabase h2() {
        Path dataDir = Path.of("target", "bench-data", UUID.randomUUID().toString()).toAbsolutePath();
        BenchDatabase database = new BenchDatabase(Kind.H2, () -> deleteTree(dataDir));
        database.crierProperties.put("crier.data-dir", dataDir.toString());
        database.embeddedFile = dataDir.resolve("crier.mv.db");
        return database;
    }

    private static BenchDatabase postgres(String url, String user, String password) {
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        String name = url.substring(slash + 1, query < 0 ? url.length() : query);
        String adminUrl = url.substring(0, slash + 1) + "postgres";
        admin(adminUrl, user, password, "drop database if exists " + name + " with (force)", "create database " + name);
        BenchDatabase database = new BenchDatabase(Kind.POSTGRES,
                () -> admin(adminUrl, user, password, "drop database if exists " + name + " with (force)"));
        database.crierProperties.put("crier.database.url", url);
        database.crierProperties.put("crier.database.username", user);
        database.crierProperties.put("crier.database.password", password);
        // A new database each run: a new master key for it too.
        database.crierProperties.put("crier.master-key", TestKeys.masterKey());
        return database;
    }

    Kind kind() {
        return kind;
    }

    /** The embedded database's file; empty for PostgreSQL. */
    Optional<Path> embeddedFile() {
        return Optional.ofNullable(embeddedFile);
    }

    /** What points Crier at this database. */
    Map<String, String> crierProperties() {
        return crierProperties;
    }

    @Override
    public void close() {
        cleanup.run();
    }

    private static void admin(String adminUrl, String user, String password, String... statements) {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + adminUrl + " as " + user
                    + " (set BENCH_PG_URL / BENCH_PG_USER, or run with DATABASES=h2): " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

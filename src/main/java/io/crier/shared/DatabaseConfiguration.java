package io.crier.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * Chooses the database: the URL in {@code crier.database.url} when one is given (PostgreSQL in
 * production), otherwise a file-backed H2 database in PostgreSQL mode under the data directory,
 * so Crier runs with nothing else installed.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final int RETENTION_MILLIS = 5_000;

    /** After the master key: a node that cannot seal secrets stops before it touches the database. */
    @Bean
    @DependsOn("secretBox")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(CrierProperties properties) {
        HikariDataSource dataSource = new HikariDataSource();
        CrierProperties.Database database = properties.database();
        if (database.isExternal()) {
            dataSource.setJdbcUrl(database.url());
            dataSource.setUsername(database.username());
            dataSource.setPassword(database.password());
        } else {
            dataSource.setJdbcUrl(embeddedUrl(properties.dataDir()));
            dataSource.setUsername("crier");
            dataSource.setPassword("");
            dataSource.setExceptionOverride(new ClosedEmbeddedDatabase());
        }
        return dataSource;
    }

    private static String embeddedUrl(Path dataDir) {
        Path directory = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + directory, e);
        }
        // DATABASE_TO_LOWER makes unquoted names behave as in PostgreSQL; NULLs sort last as there.
        // RETENTION_TIME: the engine stores outcomes every flush (LedgerDurability), and H2 keeps
        // each stored chunk this long before reusing its space; its default of 45 s made the file
        // grow several times over while sending. Chunks a crash could still need are older writes
        // already handed to the operating system.
        return "jdbc:h2:file:" + directory.resolve("crier")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;RETENTION_TIME=" + RETENTION_MILLIS;
    }
}

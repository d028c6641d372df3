package io.crier.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * When the suite runs against PostgreSQL ({@code crier.database.url} set to a
 * {@code jdbc:postgresql:} URL), starts it on a new, empty database: the named database is
 * dropped and created again through the server's {@code postgres} database.
 */
public class PostgresTestDatabase implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String url = System.getProperty("crier.database.url", "");
        if (!url.startsWith("jdbc:postgresql:")) {
            return;
        }
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        String database = url.substring(slash + 1, query < 0 ? url.length() : query);
        String adminUrl = url.substring(0, slash + 1) + "postgres";
        String user = System.getProperty("crier.database.username", "postgres");
        try (Connection connection = DriverManager.getConnection(adminUrl, user,
                System.getProperty("crier.database.password", ""));
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for the test suite is not reachable at " + adminUrl
                    + " as " + user + ". Start it, or run .ci/run, which starts it.", e);
        }
    }
}

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
        String url = suiteUrl();
        if (url.startsWith("jdbc:postgresql:")) {
            recreate(url);
        }
    }

    /** The PostgreSQL URL the suite runs against; empty when it runs on embedded H2. */
    public static String suiteUrl() {
        return System.getProperty("crier.database.url", "");
    }

    public static String user() {
        return System.getProperty("crier.database.username", "postgres");
    }

    public static String password() {
        return System.getProperty("crier.database.password", "");
    }

    /**
     * A new, empty database beside the suite's, named after it with {@code suffix}, for tests whose
     * Crier processes must not meet the suite's own nodes; returns its URL.
     */
    public static String sibling(String suffix) {
        String url = suiteUrl();
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("This test needs PostgreSQL: set crier.database.url to a jdbc:postgresql:"
                    + " URL (the build's postgres execution does)");
        }
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        String siblingUrl = url.substring(0, query < 0 ? url.length() : query) + "_" + suffix
                + (query < 0 ? "" : url.substring(query));
        recreate(siblingUrl);
        return siblingUrl;
    }

    /** Drops the database the URL names, if it exists, and creates it again, empty. */
    public static void recreate(String url) {
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        String database = url.substring(slash + 1, query < 0 ? url.length() : query);
        String adminUrl = url.substring(0, slash + 1) + "postgres";
        try (Connection connection = DriverManager.getConnection(adminUrl, user(), password());
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for the test suite is not reachable at " + adminUrl
                    + " as " + user() + ". Start it, or run .ci/run, which starts it.", e);
        }
    }
}

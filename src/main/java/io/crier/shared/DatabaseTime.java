package io.crier.shared;

/**
 * SQL for durations on the database's clock ({@code current_timestamp}), which all nodes share.
 * Leases and heartbeats measure real time between processes, so they use it rather than the
 * application's clock, which may be skewed on one node or, in tests, moved by days at once.
 */
public final class DatabaseTime {

    /** A duration of {@code :millis} milliseconds, to add to or subtract from current_timestamp; H2 and PostgreSQL. */
    public static final String MILLIS = millis("millis");

    /** A duration of the named parameter's milliseconds, for a statement with two durations. */
    public static String millis(String parameter) {
        return "cast(:" + parameter + " as bigint) * interval '0.001' second";
    }

    private DatabaseTime() {
    }
}

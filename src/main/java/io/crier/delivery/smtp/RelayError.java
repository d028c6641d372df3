package io.crier.delivery.smtp;

/**
 * What went wrong in a failed SMTP attempt, as the relay-errors metric counts it: the class of the
 * relay's reply, or no reply at all (a timeout, a connection that failed or dropped), or a login
 * the relay refused.
 */
public enum RelayError {
    /** A temporary refusal: a 4xx reply. */
    TEMPORARY("4xx"),
    /** A permanent refusal: a 5xx reply. */
    PERMANENT("5xx"),
    /** The relay did not answer within crier.smtp.timeout. */
    TIMEOUT("timeout"),
    /** No reply: the connection could not be made or was dropped. */
    CONNECTION("connection"),
    /** The relay refused Crier's user name and password. */
    AUTH("auth");

    private final String tag;

    RelayError(String tag) {
        this.tag = tag;
    }

    /** The metric's {@code class} tag. */
    public String tag() {
        return tag;
    }
}

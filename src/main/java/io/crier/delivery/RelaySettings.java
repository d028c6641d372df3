package io.crier.delivery;

/** One SMTP relay as the connection pool uses it. {@code maxRate} null means no rate limit. */
record RelaySettings(String name, String host, int port, String username, String password, SmtpSecurity security,
        Double maxRate, int maxConnections) {

    boolean authenticates() {
        return username != null && !username.isBlank();
    }
}

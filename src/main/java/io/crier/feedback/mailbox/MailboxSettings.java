package io.crier.feedback.mailbox;

/**
 * What connecting to a mailbox takes; the password in plaintext, held only while it is used.
 * {@code tlsCertificate}: the PEM certificate its server's TLS is trusted by, or null for the JDK's
 * trust store ({@link MailboxTrust}).
 */
record MailboxSettings(MailProtocol protocol, String host, int port, MailSecurity security, String username,
        String password, String folder, String tlsCertificate) {

    /** The folder POP3 has: its only one. */
    static final String INBOX = "INBOX";

    /** What a poll or a test says when the server has no such folder. */
    String missingFolder() {
        return "folder " + folder + " does not exist";
    }

    @Override
    public String toString() {
        return protocol.wire() + "://" + username + "@" + host + ":" + port + "/" + folder;
    }
}

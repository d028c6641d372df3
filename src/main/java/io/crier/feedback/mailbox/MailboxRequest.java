package io.crier.feedback.mailbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.crier.shared.HeaderText;

/** A mailbox's settings as a create or update body names them; on update, what it leaves out is kept. */
record MailboxRequest(
        MailProtocol protocol,
        @Size(max = 253)
        @Pattern(regexp = HOST, message = "must be a host name or an IPv4 address")
        String host,
        @Min(1) @Max(65535) Integer port,
        MailSecurity security,
        @Size(max = 320) @Pattern(regexp = HeaderText.ONE_LINE, message = HeaderText.NO_LINE_BREAKS) String username,
        @Size(max = 500) @Pattern(regexp = HeaderText.ONE_LINE, message = HeaderText.NO_LINE_BREAKS) String password,
        @Size(max = 200) @Pattern(regexp = HeaderText.ONE_LINE, message = HeaderText.NO_LINE_BREAKS) String folder,
        @Size(max = MailboxTrust.MAX_PEM) String tlsCertificate,
        String senderId) {

    /** Labels of letters, digits and hyphens, dot-separated (an IPv4 address is one such name). */
    static final String HOST = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*";
}

package io.crier.feedback.mailbox;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.crier.feedback.InboundMail;
import io.crier.shared.WireValue;

/** How Crier reads a mailbox. */
enum MailProtocol implements WireValue {
    IMAP("imap", InboundMail.Channel.IMAP, 143, 993),
    POP3("pop3", InboundMail.Channel.POP3, 110, 995);

    private final String wire;
    private final InboundMail.Channel channel;
    private final int plainPort;
    private final int sslPort;

    MailProtocol(String wire, InboundMail.Channel channel, int plainPort, int sslPort) {
        this.wire = wire;
        this.channel = channel;
        this.plainPort = plainPort;
        this.sslPort = sslPort;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    static MailProtocol of(String value) {
        return WireValue.parse(MailProtocol.class, value);
    }

    InboundMail.Channel channel() {
        return channel;
    }

    /** The well-known port of this protocol for a connection secured so. */
    int defaultPort(MailSecurity security) {
        return security == MailSecurity.SSL ? sslPort : plainPort;
    }

    /** Jakarta Mail's name of the store: {@code imaps} and {@code pop3s} wrap the connection in TLS from its start. */
    String storeName(MailSecurity security) {
        return security == MailSecurity.SSL ? wire + "s" : wire;
    }
}

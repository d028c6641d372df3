package io.crier.delivery.capture;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.subethamail.smtp.server.SMTPServer;

import io.crier.delivery.MailCaptured;
import io.crier.shared.Timestamps;

/**
 * Crier's own SMTP server on loopback, the relay of a Crier that has none configured: a new user
 * sees every message arrive in the dev inbox with nothing else installed.
 */
public class CaptureSmtpServer implements SmartLifecycle {

    /**
     * The largest message it takes (SMTP's 552 for more): the dev inbox keeps what it receives in
     * memory. Far above any rendered campaign.
     */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(CaptureSmtpServer.class);

    private final CaptureProperties properties;
    private final DevInbox inbox;
    private final MailAttribution attribution;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AtomicLong ids = new AtomicLong();
    private SMTPServer server;

    public CaptureSmtpServer(CaptureProperties properties, DevInbox inbox, MailAttribution attribution, Clock clock,
            ApplicationEventPublisher events) {
        this.properties = properties;
        this.inbox = inbox;
        this.attribution = attribution;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public synchronized void start() {
        server = SMTPServer.port(properties.port())
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("crier-capture")
                .softwareName("Crier capture")
                .maxConnections(256)
                .maxMessageSize(MAX_MESSAGE_BYTES)
                .messageHandler((context, from, to, data) -> receive(from, to, data))
                .build();
        server.start();
        log.info("No SMTP relay configured: capturing all mail on 127.0.0.1:{} (see GET /v1/dev/inbox)", port());
    }

    /** The port it listens on, which is only known once started when configured as 0. */
    public synchronized int port() {
        return server.getPortAllocated();
    }

    private void receive(String from, String to, byte[] data) {
        inbox.add(new CapturedMail(ids.incrementAndGet(), Timestamps.now(clock), from, List.of(to), data,
                attribution.claim(messageId(data))));
        events.publishEvent(new MailCaptured(from == null ? "" : from, List.of(to), data));
    }

    private static String messageId(byte[] data) {
        try {
            String value = new InternetHeaders(new ByteArrayInputStream(data)).getHeader("Message-ID", null);
            return value == null ? null : value.trim();
        } catch (MessagingException unreadable) {
            return null;
        }
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null && server.isRunning();
    }

    /** Up before the dispatcher starts sending, down after it stops. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }
}

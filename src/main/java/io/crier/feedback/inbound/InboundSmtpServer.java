package io.crier.feedback.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

import io.crier.delivery.FeedbackDomains;
import io.crier.feedback.InboundMail;

/**
 * The inbound SMTP listener: bounces, complaint reports and replies sent to Crier's own addresses
 * ({@link InboundRecipients}; every other recipient is refused at RCPT TO). Each message is
 * committed to the inbound queue before the client hears 250, so a crash loses nothing. With a
 * real relay it runs only once {@code crier.inbound.smtp.port} is set; with the built-in capture
 * relay it runs on loopback, where the simulator sends to it. Limits: message size (552),
 * connections in all and per source address (421), recipients per message (452), the wait for each
 * line and the length of a session.
 */
@Component
class InboundSmtpServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboundSmtpServer.class);
    /** How often sessions are checked against their time limit (at most): the limit holds to about this. */
    private static final long SWEEP_MILLIS = 1_000;

    private final InboundProperties.Smtp settings;
    private final int maxMessageBytes;
    private final boolean enabled;
    private final InetAddress bindAddress;
    private final InboundRecipients recipients;
    private final InboundMail queue;
    private final Clock clock;
    private SMTPServer server;
    private ScheduledExecutorService sessionClock;

    InboundSmtpServer(InboundProperties properties, FeedbackDomains domains, InboundRecipients recipients,
            InboundMail queue, Clock clock) throws UnknownHostException {
        this.settings = properties.smtp();
        this.maxMessageBytes = (int) Math.min(Integer.MAX_VALUE - 1, properties.maxMessageSize().toBytes());
        this.enabled = settings.port() != null || domains.capturing();
        this.bindAddress = settings.bindAddress() != null && !settings.bindAddress().isBlank()
                ? InetAddress.getByName(settings.bindAddress().strip())
                : domains.capturing() ? InetAddress.getLoopbackAddress() : null;
        this.recipients = recipients;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        sessionClock = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("crier-inbound-sessions").factory());
        LimitedSessions sessions = new LimitedSessions();
        long sweepMillis = Math.clamp(settings.maxSessionTime().toMillis() / 4, 10, SWEEP_MILLIS);
        sessionClock.scheduleWithFixedDelay(sessions::cutOverdue, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        SMTPServer.Builder builder = SMTPServer.port(settings.port() == null ? 0 : settings.port())
                .hostName("crier-inbound")
                .softwareName("Crier")
                .maxConnections(settings.maxConnections())
                .maxRecipients(settings.maxRecipients())
                .maxMessageSize(maxMessageBytes)
                .connectionTimeout((int) settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .sessionHandler(sessions)
                .messageHandlerFactory(context -> new Transaction());
        if (bindAddress != null) {
            builder.bindAddress(bindAddress);
        }
        server = builder.build();
        server.start();
        log.info("Inbound SMTP listener on {}:{} (bounces, complaints and replies)",
                bindAddress == null ? "*" : bindAddress.getHostAddress(), port());
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            sessionClock.shutdownNow();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null && server.isRunning();
    }

    /** Off with a real relay until its port is set. */
    @Override
    public boolean isAutoStartup() {
        return enabled;
    }

    /** Up before the capture server, whose simulator sends to it, and down after it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1100;
    }

    /** The port it listens on, known once started (a configured 0, or the capture relay's default, picks one). */
    synchronized int port() {
        if (server == null || !server.isRunning()) {
            throw new IllegalStateException("The inbound SMTP listener is not running");
        }
        return server.getPortAllocated();
    }

    /** One mail transaction: RCPT TO is checked as it comes, the message queued before 250. */
    private final class Transaction implements MessageHandler {

        private final List<String> accepted = new ArrayList<>();

        @Override
        public void from(String from) {
            // Bounces come from the null reverse path; any sender may report or reply.
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            var refusal = recipients.refusal(recipient);
            if (refusal.isPresent()) {
                throw new RejectException(550, refusal.get());
            }
            accepted.add(recipient);
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            byte[] raw = data.readNBytes(maxMessageBytes + 1);
            if (raw.length > maxMessageBytes) {
                // Read to the final dot and drop it, so the rest is not taken for commands; the
                // session's time limit bounds how long a client can keep sending.
                data.transferTo(OutputStream.nullOutputStream());
                throw new RejectException(552, "5.3.4 Message larger than " + maxMessageBytes + " bytes");
            }
            try {
                queue.accept(raw, new InboundMail.Origin(InboundMail.Channel.SMTP, null, accepted));
            } catch (InboundMail.InboundRefused refused) {
                throw new RejectException(554, "5.6.0 " + refused.getMessage());
            } catch (RuntimeException notStored) {
                log.warn("An inbound message could not be queued; the client is told to try again: {}", notStored.toString());
                throw new RejectException(451, "4.3.0 Could not store the message now, try again later");
            }
            return null;
        }

        @Override
        public void done() {
        }
    }

    /**
     * Connections per source address, and the length of each session, bounded: a session still
     * open {@code max-session-time} after it began on Crier's clock is told 421 and closed.
     */
    private final class LimitedSessions implements SessionHandler {

        private final SessionHandler perSource = SessionHandler.limitConcurrentSessionsBySource(
                settings.maxConnectionsPerSource());
        private final Map<Session, Instant> deadlines = new ConcurrentHashMap<>();

        @Override
        public SessionAcceptance accept(Session session) {
            SessionAcceptance acceptance = perSource.accept(session);
            if (acceptance.accepted()) {
                deadlines.put(session, clock.instant().plus(settings.maxSessionTime()));
            }
            return acceptance;
        }

        @Override
        public void onSessionEnd(Session session) {
            deadlines.remove(session);
            perSource.onSessionEnd(session);
        }

        void cutOverdue() {
            Instant now = clock.instant();
            deadlines.forEach((session, deadline) -> {
                if (!now.isBefore(deadline) && deadlines.remove(session, deadline)) {
                    cut(session);
                }
            });
        }

        private void cut(Session session) {
            try {
                session.sendResponse("421 4.4.2 Session longer than " + settings.maxSessionTime().toSeconds()
                        + " s, closing");
            } catch (IOException gone) {
                // Closed below either way.
            }
            try {
                session.closeSocket();
            } catch (IOException alreadyClosed) {
                // The session ends either way.
            }
        }
    }
}

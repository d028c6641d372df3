package io.crier.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The pause benchmark's relay: a loopback SMTP sink that accepts everything, as postfix's
 * smtp-sink does, and records the System.nanoTime() at which each MAIL FROM arrived. It runs in
 * the JVM that calls pause, so those times compare directly with the moment the call returned.
 * Each connection keeps its own times (no contention between connections), and nothing of the
 * message is kept but its recipient, to count duplicates, and when it was accepted, for the
 * rates per recipient domain.
 */
final class TimestampingSmtpSink implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final Set<String> recipients = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();

    TimestampingSmtpSink() throws IOException {
        socket = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("bench-sink-accept").start(this::acceptLoop);
    }

    int port() {
        return socket.getLocalPort();
    }

    long mailFromCount() {
        return sessions.stream().mapToLong(Session::size).sum();
    }

    /** MAIL FROMs received strictly after {@code nanos}. */
    long mailFromsAfter(long nanos) {
        return sessions.stream().mapToLong(session -> session.countAfter(nanos)).sum();
    }

    /** The latest MAIL FROM received, as System.nanoTime(); Long.MIN_VALUE before the first. */
    long lastMailFrom() {
        return sessions.stream().mapToLong(Session::last).max().orElse(Long.MIN_VALUE);
    }

    /** Messages accepted after DATA. */
    long accepted() {
        return accepted.get();
    }

    /** When each message to a recipient at {@code domain} was accepted (System.nanoTime()), in order. */
    long[] acceptedTimes(String domain) {
        return acceptedTimes(message -> message.at(domain));
    }

    /** When each message to a recipient at none of {@code domains} was accepted, in order. */
    long[] acceptedTimesExcept(Set<String> domains) {
        return acceptedTimes(message -> domains.stream().noneMatch(message::at));
    }

    private long[] acceptedTimes(Predicate<Accepted> which) {
        return sessions.stream().flatMap(session -> session.acceptedSnapshot().stream()).filter(which)
                .mapToLong(Accepted::nanos).sorted().toArray();
    }

    /** One accepted message: its RCPT TO line and System.nanoTime() at the end of its data. */
    private record Accepted(String recipient, long nanos) {

        boolean at(String domain) {
            return recipient.toLowerCase(Locale.ROOT).contains("@" + domain.toLowerCase(Locale.ROOT) + ">");
        }
    }

    /** Messages accepted for a recipient that had already been accepted once. */
    long duplicates() {
        return accepted.get() - recipients.size();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Session session : sessions) {
            session.connection.close();
        }
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Session session = new Session(socket.accept());
                sessions.add(session);
                // Platform threads: the sink must not queue behind Crier's own virtual threads.
                Thread.ofPlatform().daemon().name("bench-sink").start(session::serve);
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** One SMTP connection, served by its own thread, which alone appends to its times. */
    private final class Session {

        private final Socket connection;
        private final byte[] line = new byte[8192];
        private final byte[] buffer = new byte[65536];
        private int position;
        private int limit;
        private long[] mailFromNanos = new long[1024];
        private int size;
        private final List<Accepted> acceptedMessages = new ArrayList<>();

        Session(Socket connection) {
            this.connection = connection;
        }

        synchronized int size() {
            return size;
        }

        synchronized long countAfter(long nanos) {
            long count = 0;
            for (int i = size - 1; i >= 0 && mailFromNanos[i] > nanos; i--) {
                count++;
            }
            return count;
        }

        synchronized long last() {
            return size == 0 ? Long.MIN_VALUE : mailFromNanos[size - 1];
        }

        synchronized List<Accepted> acceptedSnapshot() {
            return List.copyOf(acceptedMessages);
        }

        private synchronized void accept(String recipient) {
            acceptedMessages.add(new Accepted(recipient, System.nanoTime()));
        }

        private synchronized void stamp(long nanos) {
            if (size == mailFromNanos.length) {
                mailFromNanos = Arrays.copyOf(mailFromNanos, size * 2);
            }
            mailFromNanos[size++] = nanos;
        }

        void serve() {
            try (connection;
                    InputStream in = connection.getInputStream();
                    OutputStream out = new BufferedOutputStream(connection.getOutputStream())) {
                connection.setTcpNoDelay(true);
                reply(out, "220 bench-sink ESMTP");
                String recipient = null;
                int length;
                while ((length = readLine(in)) >= 0) {
                    String command = length >= 4 ? new String(line, 0, 4, StandardCharsets.US_ASCII).toUpperCase() : "";
                    switch (command) {
                        case "MAIL" -> {
                            stamp(System.nanoTime());
                            reply(out, "250 2.1.0 Ok");
                        }
                        case "RCPT" -> {
                            recipient = new String(line, 0, length, StandardCharsets.US_ASCII);
                            reply(out, "250 2.1.5 Ok");
                        }
                        case "DATA" -> {
                            reply(out, "354 End data with <CR><LF>.<CR><LF>");
                            int dataLength;
                            while ((dataLength = readLine(in)) >= 0 && !(dataLength == 1 && line[0] == '.')) {
                                // Discarded, as smtp-sink does.
                            }
                            accepted.incrementAndGet();
                            recipients.add(recipient);
                            accept(recipient);
                            reply(out, "250 2.0.0 Ok: queued");
                        }
                        case "EHLO" -> reply(out, "250-bench-sink\r\n250-8BITMIME\r\n250 SIZE 52428800");
                        case "HELO", "RSET", "NOOP" -> reply(out, "250 Ok");
                        case "QUIT" -> {
                            reply(out, "221 Bye");
                            return;
                        }
                        default -> reply(out, "502 Command not implemented");
                    }
                }
            } catch (IOException closed) {
                // The client or close() ended the connection.
            }
        }

        /**
         * Reads one line without its CRLF into {@link #line}; returns its length, or -1 at the end.
         * Buffers by hand: a BufferedInputStream takes a lock per byte read.
         */
        private int readLine(InputStream in) throws IOException {
            int length = 0;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit < 0) {
                        limit = 0;
                        return length > 0 ? length : -1;
                    }
                }
                byte b = buffer[position++];
                if (b == '\n') {
                    return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                }
                if (length < line.length) {
                    line[length++] = b;
                }
            }
        }

        private static void reply(OutputStream out, String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }
}

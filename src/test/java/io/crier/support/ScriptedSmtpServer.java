package io.crier.support;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small SMTP server on loopback for engine tests, offering PIPELINING as most relays do (it
 * reads and answers one command at a time, which a pipelining client cannot tell apart), so the
 * engine's senders pipeline through it. It timestamps every MAIL FROM (so a test can
 * prove none began after a pause returned), keeps every accepted message with the EHLO name of the
 * client that sent it (so a test can tell several Crier nodes apart), and can be told to fail
 * particular recipients: a 4xx or 5xx at RCPT, a dropped connection in the middle of DATA, or a
 * stall. Every connection is served on its own virtual thread; {@link #close} ends them all.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    /** What to do with a recipient's next attempts. */
    public enum Fault {
        /** 451 at RCPT TO. */
        TEMPORARY,
        /** 550 at RCPT TO. */
        PERMANENT,
        /** Close the connection halfway through the message data. */
        DISCONNECT_IN_DATA,
        /** Stop answering after DATA for {@link #stallMillis}. */
        STALL,
        /** Stop reading after answering DATA for {@link #stallMillis}: a large message's writes block. */
        STOP_READING_IN_DATA
    }

    /** One message the server accepted; {@code client} is the name the sender gave in EHLO. */
    public record Received(String envelopeFrom, String recipient, String client, String data, long acceptedAtNanos) {

        public String header(String name) {
            Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*)$").matcher(data);
            return m.find() ? m.group(1).trim() : null;
        }
    }

    private static final Pattern ADDRESS = Pattern.compile("<([^>]*)>");

    private final ServerSocket socket;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<MailFrom> mailFroms = new CopyOnWriteArrayList<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> faultsLeft = new ConcurrentHashMap<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger openNow = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private volatile long stallMillis = 2_000;
    private volatile long delayPerMessageMillis;
    private volatile boolean offerAuth;

    public ScriptedSmtpServer() throws IOException {
        socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("scripted-smtp-accept").start(this::acceptLoop);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Fails the next {@code times} attempts to this recipient in the given way. */
    public void fail(String recipient, Fault fault, int times) {
        faults.put(recipient.toLowerCase(), fault);
        faultsLeft.put(recipient.toLowerCase(), new AtomicInteger(times));
    }

    public void stallFor(long millis) {
        stallMillis = millis;
    }

    /**
     * Offers AUTH in its EHLO reply, as most relays do, and refuses every login attempt; mail from
     * clients that do not log in is accepted as before.
     */
    public void offerAuth() {
        offerAuth = true;
    }

    /** Slows every accepted message down, so a campaign stays in flight long enough to pause it. */
    public void delayEachMessage(long millis) {
        delayPerMessageMillis = millis;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** How many connections clients have opened to this server since it started. */
    public int connectionsOpened() {
        return connections.size();
    }

    /** How many connections are open now. */
    public int openNow() {
        return openNow.get();
    }

    /**
     * The most connections that were open at once since the server started or since
     * {@link #resetMostOpenAtOnce}: counted from accept until the client's QUIT or the connection's end.
     */
    public int mostOpenAtOnce() {
        return mostOpen.get();
    }

    /** Starts counting {@link #mostOpenAtOnce} again from the connections open now. */
    public void resetMostOpenAtOnce() {
        mostOpen.set(openNow.get());
    }

    /** System.nanoTime() of every MAIL FROM received, in order. */
    public List<Long> mailFromTimes() {
        return mailFroms.stream().map(MailFrom::atNanos).toList();
    }

    /** System.nanoTime() of every MAIL FROM with this envelope sender, in order. */
    public List<Long> mailFromTimes(String envelopeFrom) {
        return mailFroms.stream().filter(m -> m.envelopeFrom().equalsIgnoreCase(envelopeFrom))
                .map(MailFrom::atNanos).toList();
    }

    /** System.nanoTime() of every MAIL FROM with this envelope sender from this client (EHLO name). */
    public List<Long> mailFromTimes(String envelopeFrom, String client) {
        return mailFroms.stream().filter(m -> m.envelopeFrom().equalsIgnoreCase(envelopeFrom))
                .filter(m -> client.equals(m.client())).map(MailFrom::atNanos).toList();
    }

    private record MailFrom(String envelopeFrom, String client, long atNanos) {
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.add(connection);
                mostOpen.accumulateAndGet(openNow.incrementAndGet(), Math::max);
                Thread.ofVirtual().name("scripted-smtp").start(() -> serveCounted(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Serves the connection, counted open until the client's QUIT (before the reply: it may go on at once) or its end. */
    private void serveCounted(Socket connection) {
        AtomicBoolean open = new AtomicBoolean(true);
        Runnable ended = () -> {
            if (open.getAndSet(false)) {
                openNow.decrementAndGet();
            }
        };
        try {
            serve(connection, ended);
        } finally {
            ended.run();
        }
    }

    private void serve(Socket connection, Runnable quitting) {
        try (connection;
                var in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = new BufferedOutputStream(connection.getOutputStream())) {
            reply(out, "220 scripted ESMTP");
            String client = null;
            String from = null;
            String recipient = null;
            String line;
            while ((line = nextCommand(in, out)) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO" -> {
                        client = line.substring(4).trim();
                        reply(out, "250-scripted\r\n250-8BITMIME\r\n250-PIPELINING\r\n"
                                + (offerAuth ? "250-AUTH PLAIN LOGIN\r\n" : "") + "250 SIZE 52428800");
                    }
                    case "AUTH" -> reply(out, "535 5.7.8 Authentication credentials invalid");
                    case "HELO" -> {
                        client = line.substring(4).trim();
                        reply(out, "250 scripted");
                    }
                    case "MAIL" -> {
                        long at = System.nanoTime();
                        from = address(line);
                        recipient = null;
                        mailFroms.add(new MailFrom(from, client, at));
                        reply(out, "250 2.1.0 Ok");
                    }
                    case "RCPT" -> {
                        recipient = address(line);
                        Fault fault = takeFault(recipient);
                        if (fault == Fault.TEMPORARY) {
                            reply(out, "451 4.3.0 Try again later");
                            recipient = null;
                        } else if (fault == Fault.PERMANENT) {
                            reply(out, "550 5.1.1 No such user");
                            recipient = null;
                        } else {
                            if (fault != null) {
                                faults.put(recipient.toLowerCase() + "#data", fault);
                            }
                            reply(out, "250 2.1.5 Ok");
                        }
                    }
                    case "DATA" -> {
                        if (recipient == null) {
                            // A pipelining client sends DATA after a recipient this server refused.
                            reply(out, "554 5.5.1 No valid recipients");
                            continue;
                        }
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        out.flush();
                        Fault fault = faults.remove(recipient.toLowerCase() + "#data");
                        if (fault == Fault.STOP_READING_IN_DATA) {
                            Thread.sleep(stallMillis);
                        }
                        StringBuilder data = new StringBuilder(8192);
                        int lines = 0;
                        String dataLine;
                        while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                            data.append(dataLine.startsWith("..") ? dataLine.substring(1) : dataLine).append("\r\n");
                            if (fault == Fault.DISCONNECT_IN_DATA && ++lines == 5) {
                                connection.close();
                                return;
                            }
                        }
                        if (fault == Fault.STALL) {
                            Thread.sleep(stallMillis);
                        }
                        if (delayPerMessageMillis > 0) {
                            Thread.sleep(delayPerMessageMillis);
                        }
                        received.add(new Received(from, recipient, client, data.toString(), System.nanoTime()));
                        reply(out, "250 2.0.0 Ok: queued");
                    }
                    case "RSET" -> {
                        from = null;
                        recipient = null;
                        reply(out, "250 Ok");
                    }
                    case "NOOP" -> reply(out, "250 Ok");
                    case "QUIT" -> {
                        quitting.run();
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (SocketException closed) {
            // The client or close() ended the connection.
        } catch (IOException e) {
            // A broken connection ends this session only.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Fault takeFault(String recipient) {
        String key = recipient.toLowerCase();
        AtomicInteger left = faultsLeft.get(key);
        if (left == null || left.getAndDecrement() <= 0) {
            return null;
        }
        return faults.get(key);
    }

    private static String address(String line) {
        Matcher m = ADDRESS.matcher(line);
        return m.find() ? m.group(1) : "";
    }

    /**
     * The next command line, the replies owed sent first unless more commands wait: pipelined
     * commands' replies leave together, as RFC 2920 asks of a server and Postfix does. Sent one
     * small write each, the second waited for the client's delayed ACK (Nagle's algorithm), 40 ms
     * a message.
     */
    private static String nextCommand(BufferedReader in, OutputStream out) throws IOException {
        if (!in.ready()) {
            out.flush();
        }
        return in.readLine();
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
}

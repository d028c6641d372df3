package io.crier.delivery.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A relay on loopback that offers PIPELINING (the test suite's SubEtha SMTP relays do not), with
 * replies a test sets, that remembers how the commands arrived: which came in the same read (over
 * TLS a read returns one TLS record, so there it tells nothing of the client's writes). It answers
 * MAIL FROM and RCPT TO only once DATA has come, so a client that waits for each reply before
 * the next command stalls: what it sends, it sent pipelined. Given a TLS context it offers
 * STARTTLS too. Each connection is served on a virtual thread of its own
 * until the client quits or closes, or 10 s pass without a byte.
 */
final class PipeliningRelay implements AutoCloseable {

    private static final int IDLE_MILLIS = 10_000;

    private final ServerSocket server;
    private final SSLContext tls;
    private final List<List<String>> reads = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
    private volatile String mailReply = "250 2.1.0 Ok";
    private volatile String rcptReply = "250 2.1.5 Ok";
    private volatile String dataReplyAfterRefusal = "554 5.5.1 No valid recipients";

    PipeliningRelay() throws IOException {
        this(null);
    }

    /** A relay that offers STARTTLS with this context's certificate. */
    PipeliningRelay(SSLContext tls) throws IOException {
        this.tls = tls;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The next MAIL FROM is answered this way. */
    void answerMailFrom(String reply) {
        mailReply = reply;
    }

    /** The next RCPT TO is answered this way. */
    void answerRcptTo(String reply) {
        rcptReply = reply;
    }

    /** DATA after a refused sender or recipient is answered this way. */
    void answerDataAfterRefusal(String reply) {
        dataReplyAfterRefusal = reply;
    }

    /** The commands of each read the relay made, in order (message content left out). */
    List<List<String>> reads() {
        return List.copyOf(reads);
    }

    int connections() {
        return connections.get();
    }

    /** Messages the relay accepted with 250 after their final dot. */
    int messages() {
        return messages.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(IDLE_MILLIS);
            reply(socket.getOutputStream(), "220 relay.test ESMTP");
            if (converse(socket, false)) {
                SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
                secured.setUseClientMode(false);
                try (secured) {
                    converse(secured, true);
                }
            }
        } catch (SocketException | SocketTimeoutException gone) {
            // the client closed the connection or went quiet
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers commands until the client quits or closes; true when it asked for STARTTLS. */
    private boolean converse(Socket socket, boolean secured) throws IOException {
        InputStream in = socket.getInputStream();
        Conversation conversation = new Conversation(socket.getOutputStream(), secured);
        byte[] buffer = new byte[65_536];
        StringBuilder pending = new StringBuilder();
        int read;
        while (!conversation.done && (read = in.read(buffer)) > 0) {
            pending.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
            List<String> commands = new ArrayList<>();
            int end;
            while (!conversation.done && (end = pending.indexOf("\r\n")) >= 0) {
                String line = pending.substring(0, end);
                pending.delete(0, end + 2);
                if (conversation.take(line)) {
                    commands.add(line);
                }
            }
            if (!commands.isEmpty()) {
                reads.add(commands);
            }
        }
        return conversation.startTls;
    }

    /** One connection's state: in a transaction or not, reading a message or commands. */
    private final class Conversation {

        private final OutputStream out;
        private final boolean secured;
        private boolean refused;
        private boolean inData;
        private boolean done;
        private boolean startTls;
        private final List<String> owed = new ArrayList<>();

        Conversation(OutputStream out, boolean secured) {
            this.out = out;
            this.secured = secured;
        }

        /** Answers a line; true when it was a command, false when it was message content. */
        boolean take(String line) throws IOException {
            if (inData) {
                if (line.equals(".")) {
                    inData = false;
                    messages.incrementAndGet();
                    reply(out, "250 2.0.0 Ok: queued");
                }
                return false;
            }
            String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase();
            switch (verb) {
                case "EHLO" -> reply(out, tls != null && !secured
                        ? "250-relay.test\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME"
                        : "250-relay.test\r\n250-PIPELINING\r\n250 8BITMIME");
                case "STAR" -> {
                    reply(out, "220 2.0.0 Ready to start TLS");
                    startTls = true;
                    done = true;
                }
                case "MAIL" -> {
                    refused = !mailReply.startsWith("2");
                    owed.add(mailReply);
                }
                case "RCPT" -> {
                    String answer = refused ? "503 5.5.1 Need MAIL command" : rcptReply;
                    refused |= !answer.startsWith("2");
                    owed.add(answer);
                }
                case "DATA" -> {
                    String answer = refused ? dataReplyAfterRefusal : "354 End data with <CR><LF>.<CR><LF>";
                    inData = answer.startsWith("354");
                    owed.add(answer);
                    reply(out, String.join("\r\n", owed));
                    owed.clear();
                }
                case "RSET", "NOOP" -> {
                    refused = false;
                    reply(out, "250 2.0.0 Ok");
                }
                case "QUIT" -> {
                    reply(out, "221 2.0.0 Bye");
                    done = true;
                }
                default -> reply(out, "502 5.5.2 Not implemented");
            }
            return true;
        }
    }

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

package io.crier.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.Session;

import io.crier.delivery.fence.CampaignGate;
import io.crier.delivery.smtp.RelaySettings;
import io.crier.delivery.smtp.SendOutcome;
import io.crier.delivery.smtp.SmtpConnection;
import io.crier.delivery.smtp.SmtpSecurity;
import io.crier.delivery.smtp.SmtpSessions;

/**
 * The {@code client} phase: how fast an SMTP client alone sends into the relay at {@code --sink-port}
 * (postfix's smtp-sink), without Crier's per-message work (no ledger, no rendering). One fixed
 * message, the throughput phase's 5.3 KB one rendered once, goes {@code --messages} times over
 * {@code --connections} connections opened beforehand and reused (one thread each), by three clients:
 * <ul>
 * <li>{@code angus}: Crier's own client, {@link SmtpConnection} on a session from
 * {@link SmtpSessions} (Angus Mail with Crier's transport and settings, 30 s timeouts as by
 * default). To a relay that offers PIPELINING it writes MAIL FROM, RCPT TO and DATA at once: two
 * round trips a message;</li>
 * <li>{@code lockstep}: a bare client on a socket sending the same commands the same way, the
 * message dot-stuffed once beforehand: what the protocol costs without Angus's work;</li>
 * <li>{@code pipelined}: the same bare client sending MAIL FROM, RCPT TO and DATA in one write, as
 * RFC 2920 allows when the relay offers PIPELINING: two round trips a message. What a pipelining
 * client could gain, measured before one is written.</li>
 * </ul>
 * Each client warms up first; then the three run in one order and again in the reverse one, so
 * drift does not favour one of them, and the mean of the two rates is recorded. bench/run.sh runs
 * smtp-source (which does not pipeline) beside it.
 */
final class ClientCeiling {

    private static final List<String> CLIENTS = List.of("angus", "lockstep", "pipelined");

    private ClientCeiling() {
    }

    static void run(BenchOptions options) throws Exception {
        int port = Integer.parseInt(options.require("sink-port"));
        int messages = options.intValue("messages", 20_000);
        int warmup = options.intValue("warmup", Math.max(2_000, messages / 10));
        int connections = options.intValue("connections", 8);
        long sinkPid = Long.parseLong(options.get("sink-pid", "0"));
        byte[] message = BenchAudience.sampleMessage();
        System.out.printf("SMTP client ceiling: %,d messages of %,d bytes per client over %d connections into"
                + " 127.0.0.1:%d, after %,d to warm up%n", messages, message.length, connections, port, warmup);
        options.result("client.messages", messages);
        options.result("client.message_bytes", message.length);
        options.result("client.connections", connections);
        options.result("client.relay_offers_pipelining", BareClient.offersPipelining(port));

        ClientRun run = new ClientRun(port, message, connections);
        for (String client : CLIENTS) {
            run.send(client, warmup);
        }
        List<String> reversed = CLIENTS.reversed();
        double[][] rates = new double[2][CLIENTS.size()];
        for (int round = 0; round < 2; round++) {
            for (String client : round == 0 ? CLIENTS : reversed) {
                long sinkBefore = CpuTimes.processNanos(sinkPid);
                long cpuBefore = EngineBenchmark.processCpuNanos();
                double seconds = run.send(client, messages);
                String prefix = "client." + client + ".round" + (round + 1) + ".";
                rates[round][CLIENTS.indexOf(client)] = messages / seconds;
                options.result(prefix + "rate", EngineBenchmark.round(messages / seconds));
                options.result(prefix + "jvm_cpu_cores",
                        EngineBenchmark.round((EngineBenchmark.processCpuNanos() - cpuBefore) / 1e9 / seconds));
                if (sinkPid > 0) {
                    options.result(prefix + "sink_cpu_cores",
                            EngineBenchmark.round((CpuTimes.processNanos(sinkPid) - sinkBefore) / 1e9 / seconds));
                }
            }
        }
        for (String client : CLIENTS) {
            int index = CLIENTS.indexOf(client);
            options.result("client." + client + ".rate", EngineBenchmark.round((rates[0][index] + rates[1][index]) / 2));
        }
    }

    /** One client's sending of a number of messages over the connections, timed. */
    private record ClientRun(int port, byte[] message, int connections) {

        /** Sends {@code count} messages with the named client; the seconds from the first to the last. */
        double send(String client, int count) throws Exception {
            AtomicInteger left = new AtomicInteger(count);
            CountDownLatch connected = new CountDownLatch(connections);
            CountDownLatch go = new CountDownLatch(1);
            Session session = SmtpSessions.forRelay(relay(), 30_000, null);
            ExecutorService threads = Executors.newFixedThreadPool(connections);
            try {
                List<Future<Void>> senders = new ArrayList<>();
                for (int i = 0; i < connections; i++) {
                    Callable<Void> sender = switch (client) {
                        case "angus" -> () -> sendWithAngus(session, left, connected, go);
                        case "lockstep" -> () -> sendBare(false, left, connected, go);
                        case "pipelined" -> () -> sendBare(true, left, connected, go);
                        default -> throw new IllegalArgumentException("Unknown client " + client);
                    };
                    senders.add(threads.submit(sender));
                }
                connected.await();
                long started = System.nanoTime();
                go.countDown();
                for (Future<Void> sender : senders) {
                    sender.get();
                }
                return (System.nanoTime() - started) / 1e9;
            } finally {
                threads.shutdownNow();
            }
        }

        private RelaySettings relay() {
            return new RelaySettings("bench", "127.0.0.1", port, null, null, SmtpSecurity.NONE, null, connections, null);
        }

        private Void sendWithAngus(Session session, AtomicInteger left, CountDownLatch connected, CountDownLatch go)
                throws Exception {
            CampaignGate open = new CampaignGate(() -> false);
            try (SmtpConnection connection = new SmtpConnection(session, relay())) {
                // The first message opens the connection: it is not timed and not counted.
                expectSent(connection.send(message, BenchAudience.FROM, "first@bench.crier.test", open));
                connected.countDown();
                go.await();
                for (int n = left.getAndDecrement(); n > 0; n = left.getAndDecrement()) {
                    expectSent(connection.send(message, BenchAudience.FROM, "reader" + n + "@bench.crier.test", open));
                }
            }
            return null;
        }

        private Void sendBare(boolean pipelined, AtomicInteger left, CountDownLatch connected, CountDownLatch go)
                throws Exception {
            byte[] data = BareClient.dotStuffed(message);
            try (BareClient connection = new BareClient(port)) {
                connected.countDown();
                go.await();
                for (int n = left.getAndDecrement(); n > 0; n = left.getAndDecrement()) {
                    connection.send(data, BenchAudience.FROM, "reader" + n + "@bench.crier.test", pipelined);
                }
            }
            return null;
        }

        private static void expectSent(SendOutcome outcome) {
            if (outcome.kind() != SendOutcome.Kind.SENT) {
                throw new IllegalStateException("The relay did not take the message: " + outcome);
            }
        }
    }

    /**
     * A bare SMTP client on a socket, for measuring only: no TLS, no authentication, no error
     * recovery (any unexpected reply ends the phase). Socket options as Angus leaves them.
     */
    private static final class BareClient implements AutoCloseable {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final String ehloReply;

        BareClient(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream(), 16_384);
            expect(220);
            command("EHLO bench.crier.test");
            out.flush();
            ehloReply = expect(250);
        }

        static boolean offersPipelining(int port) throws IOException {
            try (BareClient client = new BareClient(port)) {
                return client.ehloReply.toUpperCase().contains("PIPELINING");
            }
        }

        /**
         * One message: lock-step, each command waits for its reply (four round trips); pipelined,
         * MAIL FROM, RCPT TO and DATA go in one write and their replies are read after (two).
         */
        void send(byte[] dotStuffed, String from, String to, boolean pipelined) throws IOException {
            if (pipelined && !ehloReply.toUpperCase().contains("PIPELINING")) {
                throw new IllegalStateException("The relay does not offer PIPELINING");
            }
            String[] commands = {"MAIL FROM:<" + from + ">", "RCPT TO:<" + to + ">", "DATA"};
            int[] replies = {250, 250, 354};
            for (int i = 0; i < commands.length; i++) {
                command(commands[i]);
                if (!pipelined) {
                    out.flush();
                    expect(replies[i]);
                }
            }
            if (pipelined) {
                out.flush();
                for (int reply : replies) {
                    expect(reply);
                }
            }
            out.write(dotStuffed);
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(250);
        }

        /** The message with CRLF line ends and a dot doubled at the start of a line, ending in CRLF. */
        static byte[] dotStuffed(byte[] message) {
            ByteArrayOutputStream stuffed = new ByteArrayOutputStream(message.length + 64);
            boolean lineStart = true;
            for (int i = 0; i < message.length; i++) {
                byte b = message[i];
                if (b == '\n' && (i == 0 || message[i - 1] != '\r')) {
                    stuffed.write('\r');
                }
                if (lineStart && b == '.') {
                    stuffed.write('.');
                }
                stuffed.write(b);
                lineStart = b == '\n';
            }
            if (!lineStart) {
                stuffed.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            return stuffed.toByteArray();
        }

        private void command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }

        /** Reads one reply, all its lines; fails unless it has the code. */
        private String expect(int code) throws IOException {
            StringBuilder reply = new StringBuilder();
            String line;
            do {
                line = readLine();
                reply.append(line).append('\n');
            } while (line.length() > 3 && line.charAt(3) == '-');
            if (!line.startsWith(Integer.toString(code))) {
                throw new IllegalStateException("Expected " + code + " from the relay, got " + reply);
            }
            return reply.toString();
        }

        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("The relay closed the connection");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            try {
                command("QUIT");
                out.flush();
            } finally {
                socket.close();
            }
        }
    }
}

package io.crier.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

import com.sun.management.OperatingSystemMXBean;

import io.crier.delivery.fence.CampaignGate;
import io.crier.delivery.smtp.RelaySettings;
import io.crier.delivery.smtp.SendOutcome;
import io.crier.delivery.smtp.SmtpConnection;
import io.crier.delivery.smtp.SmtpSecurity;
import io.crier.delivery.smtp.SmtpSessions;

/**
 * What Crier's SMTP client costs per message, measured by hand like {@code RenderCost}: the
 * benchmark's 5.3 KB message sent with {@link SmtpConnection#send} into a relay already running
 * (postfix's {@code smtp-sink 127.0.0.1:PORT 1000}), after a warm-up. {@code thread}: one
 * connection on this thread, its own CPU time per message, user and system apart; {@code platform}
 * or {@code virtual}: 8 connections, each on a thread of that kind as the engine's senders, the
 * process's CPU time per message. Run with
 * {@code java -cp target/classes:target/test-classes:<test classpath> io.crier.bench.SendCost PORT thread|platform|virtual};
 * see docs/benchmarks.md, "Sender CPU per message".
 */
final class SendCost {

    private static final int CONNECTIONS = 8;

    private SendCost() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        String mode = args[1];
        byte[] message = BenchAudience.sampleMessage();
        if (mode.equals("thread")) {
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            send(port, message, 20_000);
            long total = cpu.getCurrentThreadCpuTime();
            long user = cpu.getCurrentThreadUserTime();
            int measured = 40_000;
            send(port, message, measured);
            total = cpu.getCurrentThreadCpuTime() - total;
            user = cpu.getCurrentThreadUserTime() - user;
            System.out.printf("one connection, this thread: %.1f us CPU a message (%.1f user, %.1f system)%n",
                    total / 1e3 / measured, user / 1e3 / measured, (total - user) / 1e3 / measured);
            return;
        }
        Thread.Builder threads = mode.equals("virtual") ? Thread.ofVirtual() : Thread.ofPlatform();
        OperatingSystemMXBean process = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        sendOnEach(threads, port, message, 2_500);
        long cpu = process.getProcessCpuTime();
        long start = System.nanoTime();
        int each = 6_000;
        sendOnEach(threads, port, message, each);
        double seconds = (System.nanoTime() - start) / 1e9;
        int messages = CONNECTIONS * each;
        System.out.printf("%d connections on %s threads: %.1f us process CPU a message, %,.0f msg/s%n", CONNECTIONS,
                mode, (process.getProcessCpuTime() - cpu) / 1e3 / messages, messages / seconds);
    }

    private static void sendOnEach(Thread.Builder threads, int port, byte[] message, int each)
            throws InterruptedException {
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            started.add(threads.start(() -> send(port, message, each)));
        }
        for (Thread thread : started) {
            thread.join();
        }
    }

    /** {@code count} messages over one new connection, each to its own recipient and return path. */
    private static void send(int port, byte[] message, int count) {
        RelaySettings relay = new RelaySettings("sink", "127.0.0.1", port, null, null, SmtpSecurity.NONE, null, 1, null);
        CampaignGate gate = new CampaignGate(() -> false);
        try (SmtpConnection connection = new SmtpConnection(SmtpSessions.forRelay(relay, 30_000, null), relay)) {
            for (int i = 0; i < count; i++) {
                SendOutcome outcome = connection.send(message, "b-" + i + "@bench.crier.test", "r" + i + "@bench.crier.test",
                        gate);
                if (outcome.kind() != SendOutcome.Kind.SENT) {
                    throw new IllegalStateException(outcome.reply());
                }
            }
        }
    }
}

package io.crier.dkim;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Instant;
import java.util.Map;

import io.crier.content.MessageContent;
import io.crier.content.MessageTemplate;
import io.crier.content.Recipient;
import io.crier.shared.NativeCrypto;
import io.crier.support.TestKeys;

/**
 * What signing adds per message, measured by hand rather than as a timed test (timings on a shared
 * machine make flaky tests): renders and signs a typical campaign message on one thread, after a
 * warm-up, and prints the mean CPU time of each (the thread's own CPU time, so that other work on
 * the machine inflates the figures little). Run with
 * {@code java -cp target/classes:target/test-classes:<test classpath> io.crier.dkim.DkimSigningCost [bits] [native|jdk]}
 * or from an IDE; see docs/benchmarks.md. {@code native} (the default, as in Crier) puts the native
 * crypto provider first where it loads; {@code jdk} keeps the JDK's providers.
 */
final class DkimSigningCost {

    private static final int WARM_UP = 2_000;
    private static final int MEASURED = 5_000;

    private DkimSigningCost() {
    }

    public static void main(String[] args) {
        int bits = args.length > 0 ? Integer.parseInt(args[0]) : RsaKeys.GENERATED_BITS;
        boolean nativeCrypto = args.length < 2 || args[1].equals("native");
        String providers = nativeCrypto ? NativeCrypto.install() : "the JDK's, as asked";
        System.out.println("Signing with " + NativeCrypto.inUse() + " (" + providers + ")");
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) TestKeys.generate("RSA", bits);
        DkimSigner signer = new DkimSigner("crier.test", "sel1", key);
        MessageTemplate template = MessageTemplate.compile(new MessageContent("news@crier.test", "Crier News",
                null, "Hello {{ firstName }}, this week's news", null,
                "<html><body><h1>News</h1>" + "<p>A paragraph of a typical newsletter, {{ firstName }}.</p>".repeat(60)
                        + "</body></html>", null));
        Recipient recipient = new Recipient("reader@example.org", "Reader", "One", null, Map.of());
        Instant date = Instant.parse("2026-11-23T01:00:00Z");
        byte[] message = template.render(recipient, "<m@crier.test>", date, "https://crier.test/u/token");

        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long renderNanos = 0;
        long signNanos = 0;
        int bytes = 0;
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            long start = cpu.getCurrentThreadCpuTime();
            byte[] rendered = template.render(recipient, "<m" + i + "@crier.test>", date, "https://crier.test/u/t" + i);
            long renderedAt = cpu.getCurrentThreadCpuTime();
            byte[] signed = signer.sign(rendered);
            long end = cpu.getCurrentThreadCpuTime();
            if (i >= WARM_UP) {
                renderNanos += renderedAt - start;
                signNanos += end - renderedAt;
                bytes += signed.length;
            }
        }
        System.out.printf("RSA-%d, message of %d bytes (%d signed): render %.1f us, sign %.1f us of CPU per message"
                + " (one core: %.0f signatures/s)%n", bits, message.length, bytes / MEASURED,
                renderNanos / 1e3 / MEASURED, signNanos / 1e3 / MEASURED, 1e9 * MEASURED / signNanos);
        System.out.printf("of which the RSA signature alone (SHA256withRSA over the header block's 600 bytes): %.1f us%n",
                bareSignatureNanos(key, cpu) / 1e3);
        System.out.println(new String(signer.sign(message), java.nio.charset.StandardCharsets.US_ASCII)
                .substring(0, 700));
    }

    /** Mean CPU time of one signature as {@code openssl speed} times it: the key's operation and little else. */
    private static double bareSignatureNanos(RSAPrivateCrtKey key, ThreadMXBean cpu) {
        byte[] headerBlock = new byte[600];
        long nanos = 0;
        try {
            for (int i = 0; i < WARM_UP + MEASURED; i++) {
                long start = cpu.getCurrentThreadCpuTime();
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initSign(key);
                rsa.update(headerBlock);
                rsa.sign();
                if (i >= WARM_UP) {
                    nanos += cpu.getCurrentThreadCpuTime() - start;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return (double) nanos / MEASURED;
    }

}

package io.crier.bench;

import java.util.Map;

import io.crier.shared.NativeCrypto;

/**
 * The {@code dkim} phase: the throughput phase's campaign, every message DKIM-signed (rsa-sha256)
 * with a 2048-bit key Crier generates for the From domain in the audience's workspace, after a
 * signed warm-up, into the relay at {@code --sink-port}, then once more with the JIT nearly done
 * (the node's steady state). bench/run.sh puts {@code openssl speed rsa2048} beside it: the signs/s one core does natively. {@code --native-crypto=false} measures
 * the JDK's providers instead of the native one ({@code crier.crypto.native}).
 */
final class SignedThroughput {

    private SignedThroughput() {
    }

    static void run(BenchOptions options) throws Exception {
        int messages = options.intValue("messages", 20_000);
        int warmup = options.intValue("warmup", messages);
        String prefix = "dkim." + options.databaseName() + ".";
        System.out.printf("DKIM-signed throughput on %s: %,d messages (after a %,d-message warm-up) into 127.0.0.1:%s%n",
                options.databaseName(), messages, warmup, options.require("sink-port"));
        try (BenchDatabase database = BenchDatabase.create(options);
                CrierNode node = CrierNode.start(database, Map.of(
                        "crier.smtp.host", "127.0.0.1",
                        "crier.smtp.port", options.require("sink-port"),
                        "crier.smtp.max-connections", options.get("connections", "8"),
                        "crier.crypto.native", options.get("native-crypto", "true")))) {
            EngineBenchmark.recordServerVersion(options, database, node);
            EngineBenchmark.sendAll(signing(node, database), warmup, "Signed warm-up");
            BenchAudience audience = signing(node, database);
            options.result(prefix + "key_bits", audience.caller().get("/v1/dkim-keys").expect(200).data()
                    .path("keys").path(0).path("bits").asInt());
            // Crier runs in this JVM, so this is the provider its signatures get.
            options.result(prefix + "provider", NativeCrypto.inUse());
            options.result(prefix + "messages", messages);
            EngineBenchmark.measure(options, audience, node, database, messages, false, prefix);
            // The same again: the JIT still compiled for a fifth to a third of a core through the first.
            EngineBenchmark.measure(options, signing(node, database), node, database, messages, false, prefix + "next.");
        }
    }

    /**
     * A new workspace (each numbers its contacts from 1) whose mail from the benchmark's domain is
     * signed with a key Crier generates: 2048 bits.
     */
    private static BenchAudience signing(CrierNode node, BenchDatabase database) {
        BenchAudience audience = new BenchAudience(node, database.kind());
        String domain = BenchAudience.FROM.substring(BenchAudience.FROM.indexOf('@') + 1);
        audience.caller().post("/v1/dkim-keys", Map.of("domain", domain, "selector", "bench")).expect(201);
        return audience;
    }
}

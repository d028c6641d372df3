package io.crier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.shared.SecretBox;
import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.DkimVerifier;
import io.crier.support.DkimVerifier.Verdict;
import io.crier.support.Eventually;
import io.crier.support.PostgresTestDatabase;
import io.crier.support.ReceivedMail;
import io.crier.support.TestKeys;

import tools.jackson.databind.JsonNode;

/**
 * The master key rotated over restarts of one Crier on one database: secrets stored before
 * sealing, and those sealed under the old key, are sealed under the new one on start, and keep
 * working: the DKIM keys sign, the webhook secret is the same, and the unsubscribe link of mail
 * sent before the rotation still unsubscribes. A key that is no longer configured stops the start.
 */
@Tag("db")
@ExtendWith(OutputCaptureExtension.class)
class SecretRotationTest {

    private static final String OLD_KEY = TestKeys.masterKey();
    private static final String NEW_KEY = TestKeys.masterKey();
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String LEGACY_WEBHOOK_SECRET = "whsec_stored_before_secrets_were_sealed";

    private final Path dataDir = Path.of("target", "test-data", "rotation-" + UUID.randomUUID());
    private final String databaseUrl = PostgresTestDatabase.suiteUrl().isEmpty() ? ""
            : PostgresTestDatabase.sibling("rotation");
    private ConfigurableApplicationContext crier;

    @AfterEach
    void stop() {
        if (crier != null) {
            crier.close();
        }
    }

    @Test
    void secretsSealedUnderTheOldKeyOrNoneAreResealedOnStartAndMailSentBeforeStillWorks(CapturedOutput output)
            throws Exception {
        crier = crier(OLD_KEY);
        String apiKey = initialApiKey(output);
        Caller caller = api().withKey(apiKey);
        caller.post("/v1/dkim-keys", Map.of("domain", "rotate.crier.test", "selector", "s1")).expect(201);
        caller.post("/v1/webhooks", Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("delivery.failed")))
                .expect(201);
        String list = Audiences.list(caller, List.of("reader@example.org"));
        String campaign = Audiences.campaign(caller, Map.of("from", Map.of("email", "news@rotate.crier.test")), list);
        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        Eventually.status(caller, campaign, "sent");
        String unsubscribe = ReceivedMail.path(ReceivedMail.unsubscribeLink(
                ReceivedMail.byRecipient(caller).get("reader@example.org")));
        UUID legacyWebhook = storeAsBeforeSealing(crier.getBean(JdbcClient.class));
        crier.close();

        crier = crier(NEW_KEY, OLD_KEY);
        String newKeyId = crier.getBean(SecretBox.class).currentKeyId();
        assertThat(newKeyId).isEqualTo(SecretBox.keyId(Base64.getDecoder().decode(NEW_KEY)));
        assertThat(storedSecrets(crier.getBean(JdbcClient.class))).hasSize(5)
                .allSatisfy(stored -> assertThat(stored).startsWith("crier:v1:" + newKeyId + ":"));
        assertThat(crier.getBean(SecretBox.class).open(crier.getBean(JdbcClient.class)
                .sql("select secret from webhook where id = :id").param("id", legacyWebhook).query(String.class)
                .single(), "webhook.secret " + legacyWebhook)).isEqualTo(LEGACY_WEBHOOK_SECRET);
        caller = api().withKey(apiKey);
        assertThat(api().anonymous().raw("POST", unsubscribe, FORM, "List-Unsubscribe=One-Click").expect(200).body())
                .contains("You are unsubscribed");
        assertThat(caller.get("/v1/suppressions").expect(200).body()).contains("reader@example.org");
        caller.delete("/v1/dev/inbox").expect(200);
        Map<String, JsonNode> keys = new HashMap<>();
        caller.get("/v1/dkim-keys").expect(200).data().path("keys").forEach(key -> keys.put(key.path("domain")
                .asString(), key));
        for (String domain : List.of("rotate.crier.test", "legacy.crier.test")) {
            caller.post("/v1/mails/send", Map.of("from", Map.of("email", "a@" + domain),
                    "to", Map.of("email", domain + "@example.org"), "subject", "After", "text", "Signed")).expect(201);
            String raw = Eventually.await("mail from " + domain, Duration.ofSeconds(30),
                    () -> ReceivedMail.rawByRecipient(api().withKey(apiKey)),
                    messages -> messages.containsKey(domain + "@example.org")).get(domain + "@example.org");
            Verdict verdict = DkimVerifier.verify(raw.getBytes(StandardCharsets.UTF_8),
                    keys.get(domain).path("dnsName").asString(), keys.get(domain).path("dnsRecord").asString());
            assertThat(verdict.valid()).as(domain + ": " + verdict.log()).isTrue();
        }
        crier.close();
        crier = null;

        String otherKey = TestKeys.masterKey();
        assertThatThrownBy(() -> crier(otherKey, OLD_KEY)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sealed under master key " + newKeyId)
                .hasMessageContaining("CRIER_MASTER_KEY_PREVIOUS");
    }

    /** The first API key: in a file only its owner reads, and nowhere in the log. */
    private String initialApiKey(CapturedOutput output) throws IOException {
        Path file = dataDir.resolve("initial-api-key");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String key = Files.readString(file).strip();
        assertThat(key).startsWith("crier_");
        assertThat(output.getAll()).contains(file.toAbsolutePath().toString()).doesNotContain(key);
        return key;
    }

    /** A DKIM key and a webhook secret as a Crier from before sealing kept them: plaintext. */
    private static UUID storeAsBeforeSealing(JdbcClient jdbc) {
        jdbc.sql("""
                insert into dkim_key (id, workspace_id, domain, selector, private_key, created_at)
                values (:id, '00000000-0000-4000-8000-000000000001', 'legacy.crier.test', 'old', :pem,
                        current_timestamp)""")
                .param("id", UUID.randomUUID()).param("pem", TestKeys.rsa2048()).update();
        UUID webhook = UUID.randomUUID();
        jdbc.sql("""
                insert into webhook (id, workspace_id, format, url, events, secret, created_at)
                values (:id, '00000000-0000-4000-8000-000000000001', 'crier', 'http://127.0.0.1:9/legacy',
                        'delivery.sent', :secret, current_timestamp)""")
                .param("id", webhook).param("secret", LEGACY_WEBHOOK_SECRET).update();
        return webhook;
    }

    private static List<String> storedSecrets(JdbcClient jdbc) {
        List<String> stored = new ArrayList<>();
        stored.addAll(jdbc.sql("select private_key from dkim_key").query(String.class).list());
        stored.addAll(jdbc.sql("select secret from webhook").query(String.class).list());
        stored.addAll(jdbc.sql("select secret from link_secret").query(String.class).list());
        return stored;
    }

    private ConfigurableApplicationContext crier(String masterKey, String... previousKeys) {
        return new SpringApplicationBuilder(CrierApplication.class).run("--server.port=0",
                "--server.address=127.0.0.1", "--crier.capture.port=0", "--crier.data-dir=" + dataDir,
                "--crier.database.url=" + databaseUrl, "--crier.database.username=" + PostgresTestDatabase.user(),
                "--crier.webhooks.allow-private-targets=true", "--crier.bootstrap-api-key=",
                "--crier.master-key=" + masterKey, "--crier.master-key-previous=" + String.join(",", previousKeys));
    }

    private Api api() {
        return Api.at(Integer.parseInt(crier.getEnvironment().getProperty("local.server.port")));
    }
}

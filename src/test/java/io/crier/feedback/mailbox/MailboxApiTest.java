package io.crier.feedback.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;

/**
 * {@code /v1/mailboxes}: settings checked field by field, the password sealed at rest and never
 * shown, internal hosts refused (this context does not allow them), admin scope throughout. The
 * hosts here do not resolve, so their polls only record that.
 */
@CrierApiTest
class MailboxApiTest {

    private static final String HOST = "imap.mailbox-api.example";
    private static final String PASSWORD = "s3cret-mailbox-password";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Caller caller;

    @BeforeEach
    void newWorkspace() {
        caller = Api.at(port).newWorkspace();
    }

    @Test
    void aMailboxIsShownWithItsDefaultsAndNeverWithItsPasswordWhichIsSealedAtRest() {
        Reply created = caller.post("/v1/mailboxes", Map.of("protocol", "imap", "host", HOST,
                "username", "bounces@mailbox-api.example", "password", PASSWORD)).expect(201);
        JsonNode mailbox = created.data();
        String id = mailbox.path("id").asString();
        assertThat(created.header("Location")).isEqualTo("/v1/mailboxes/" + id);
        assertThat(mailbox.path("port").asInt()).isEqualTo(993);
        assertThat(mailbox.path("security").asString()).isEqualTo("ssl");
        assertThat(mailbox.path("folder").asString()).isEqualTo("INBOX");
        assertThat(mailbox.path("senderId").isNull()).isTrue();
        assertThat(mailbox.has("password")).isFalse();

        for (Reply shown : List.of(created, caller.get("/v1/mailboxes/" + id).expect(200),
                caller.get("/v1/mailboxes").expect(200),
                caller.patch("/v1/mailboxes/" + id, Map.of("folder", "Bounces")).expect(200))) {
            assertThat(shown.body()).doesNotContain(PASSWORD).doesNotContain("\"password\"");
        }
        String stored = jdbc.sql("select password from mailbox where id = :id").param("id", UUID.fromString(id))
                .query(String.class).single();
        assertThat(stored).startsWith("crier:v1:").doesNotContain(PASSWORD);
    }

    @Test
    void aPop3MailboxOverStarttlsForASenderTakesItsWellKnownPort() {
        String sender = caller.post("/v1/senders", Map.of("email", "news@mailbox-api.example")).expect(201).data()
                .path("sender").path("id").asString();
        JsonNode mailbox = caller.post("/v1/mailboxes", Map.of("protocol", "pop3", "host", HOST, "security",
                "starttls", "username", "news", "password", PASSWORD, "senderId", sender)).expect(201).data();
        assertThat(mailbox.path("port").asInt()).isEqualTo(110);
        assertThat(mailbox.path("senderId").asString()).isEqualTo(sender);
    }

    @Test
    void missingAndWrongSettingsAreRefusedNamingTheField() {
        Reply missing = caller.post("/v1/mailboxes", "{}").expectInvalidField("protocol");
        assertThat(missing.error().path("details").valueStream().map(d -> d.path("field").asString()))
                .containsExactlyInAnyOrder("protocol", "host", "username", "password");
        Map<String, Object> valid = Map.of("protocol", "imap", "host", HOST, "username", "u", "password", "p");
        refused(valid, "protocol", "smtp");
        refused(valid, "security", "tls");
        refused(valid, "port", 0);
        refused(valid, "port", 65536);
        refused(valid, "host", "imap.example.com/path");
        refused(valid, "host", "imap..example.com");
        refused(valid, "username", "line\r\nbreak");
        refused(valid, "senderId", UUID.randomUUID().toString());
        refused(Map.of("protocol", "pop3", "host", HOST, "username", "u", "password", "p"), "folder", "Bounces");
        assertThat(caller.get("/v1/mailboxes").expect(200).data().path("mailboxes").isEmpty()).isTrue();
    }

    @Test
    void anUpdateKeepsWhatItLeavesOutAndRefusesClearingARequiredSetting() {
        String id = caller.post("/v1/mailboxes", Map.of("protocol", "imap", "host", HOST, "security", "none",
                "username", "u", "password", PASSWORD)).expect(201).data().path("id").asString();
        assertThat(caller.get("/v1/mailboxes/" + id).expect(200).data().path("port").asInt()).isEqualTo(143);

        JsonNode updated = caller.patch("/v1/mailboxes/" + id, Map.of("security", "ssl")).expect(200).data();
        assertThat(updated.path("port").asInt()).as("the well-known port follows the security").isEqualTo(993);
        assertThat(updated.path("username").asString()).isEqualTo("u");
        caller.patch("/v1/mailboxes/" + id, "{\"password\": null}").expectInvalidField("password");
        caller.patch("/v1/mailboxes/" + id, Map.of("protocol", "pop3", "folder", "Archive"))
                .expectInvalidField("folder");
        caller.patch("/v1/mailboxes/" + UUID.randomUUID(), Map.of("folder", "x")).expectError(404, "MAILBOX_NOT_FOUND");
    }

    @Test
    void internalHostsAreRefusedUnlessTheInstallationAllowsThem() {
        for (String host : List.of("127.0.0.1", "localhost", "10.1.2.3", "192.168.1.10", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "2130706433")) {
            Reply refused = caller.post("/v1/mailboxes", Map.of("protocol", "imap", "host", host, "username", "u",
                    "password", "p")).expectInvalidField("host");
            assertThat(refused.body()).as(host).contains("internal address")
                    .contains("crier.mailboxes.allow-private-hosts");
        }
        assertThat(caller.get("/v1/mailboxes").expect(200).data().path("mailboxes").isEmpty()).isTrue();
    }

    @Test
    void everyMailboxCallNeedsTheAdminScope() {
        String id = caller.post("/v1/mailboxes", Map.of("protocol", "imap", "host", HOST, "username", "u",
                "password", PASSWORD)).expect(201).data().path("id").asString();
        Caller withoutAdmin = caller.withKey(caller.post("/v1/api-keys",
                "{\"name\": \"No admin\", \"scopes\": [\"read\", \"write\", \"send\"]}").expect(201).data()
                .path("key").asString());

        withoutAdmin.get("/v1/mailboxes").expectError(403, "FORBIDDEN");
        withoutAdmin.get("/v1/mailboxes/" + id).expectError(403, "FORBIDDEN");
        withoutAdmin.post("/v1/mailboxes", Map.of("protocol", "imap")).expectError(403, "FORBIDDEN");
        withoutAdmin.patch("/v1/mailboxes/" + id, Map.of("folder", "x")).expectError(403, "FORBIDDEN");
        withoutAdmin.post("/v1/mailboxes/" + id + "/test").expectError(403, "FORBIDDEN");
        withoutAdmin.delete("/v1/mailboxes/" + id).expectError(403, "FORBIDDEN");
        caller.delete("/v1/mailboxes/" + id).expect(200);
        caller.get("/v1/mailboxes/" + id).expectError(404, "MAILBOX_NOT_FOUND");
    }

    @Test
    void theTestCallSaysWhyItCouldNotLogIn() {
        String id = caller.post("/v1/mailboxes", Map.of("protocol", "imap", "host", HOST, "username", "u",
                "password", PASSWORD)).expect(201).data().path("id").asString();
        JsonNode result = caller.post("/v1/mailboxes/" + id + "/test").expect(200).data();
        assertThat(result.path("ok").asBoolean()).isFalse();
        assertThat(result.path("reason").asString()).isEqualTo("host " + HOST + " does not resolve");
    }

    private void refused(Map<String, Object> valid, String field, Object value) {
        Map<String, Object> body = new HashMap<>(valid);
        body.put(field, value);
        caller.post("/v1/mailboxes", body).expectInvalidField(field);
    }
}

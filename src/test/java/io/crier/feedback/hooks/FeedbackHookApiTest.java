package io.crier.feedback.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.Reply;

/**
 * Making, listing and deleting provider webhooks (/v1/feedback-hooks), what is kept of them, and
 * that a hook's token reaches its own workspace's deliveries only.
 */
class FeedbackHookApiTest extends ProviderHookCase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aHookIsShownItsUrlOnceAndKeepsOnlyTheTokensHashAndItsMaterialSealed() {
        Reply created = caller.post("/v1/feedback-hooks", Map.of("provider", "mailgun", "signingKey", "key-abcdef"))
                .expect(201);
        String id = created.data().path("id").asString();
        String url = created.data().path("url").asString();
        assertThat(url).matches("http://[^/]+/hooks/mailgun/fh_[A-Za-z0-9_-]{43}");
        String token = url.substring(url.lastIndexOf('/') + 1);

        Reply shown = caller.get("/v1/feedback-hooks/" + id).expect(200);
        assertThat(shown.data().propertyNames()).containsExactlyInAnyOrder("id", "provider", "createdAt");
        assertThat(caller.get("/v1/feedback-hooks").expect(200).data().path("feedbackHooks").size()).isEqualTo(1);
        Map<String, Object> row = jdbc.sql("select token_hash, material from feedback_hook where id = :id")
                .param("id", java.util.UUID.fromString(id)).query().singleRow();
        assertThat(row.get("token_hash")).isEqualTo(FeedbackHooks.hash(token));
        assertThat((String) row.get("material")).startsWith("crier:v1:").doesNotContain("key-abcdef");

        caller.delete("/v1/feedback-hooks/" + id).expect(200);
        post(path(url), "{}", Map.of()).expectError(404, "FEEDBACK_HOOK_NOT_FOUND");
        caller.get("/v1/feedback-hooks/" + id).expectError(404, "FEEDBACK_HOOK_NOT_FOUND");
    }

    @Test
    void eachProviderNamesTheMaterialItNeedsAndAnUnknownProviderOrTokenIsNotFound() {
        caller.post("/v1/feedback-hooks", Map.of("provider", "sendgrid")).expectInvalidField("publicKey");
        caller.post("/v1/feedback-hooks", Map.of("provider", "sendgrid", "publicKey", "bm90IGEga2V5"))
                .expectInvalidField("publicKey");
        caller.post("/v1/feedback-hooks", Map.of("provider", "mailgun")).expectInvalidField("signingKey");
        caller.post("/v1/feedback-hooks", Map.of("provider", "postmark", "username", "a:b"))
                .expectInvalidField("username").expectInvalidField("password");
        caller.post("/v1/feedback-hooks", Map.of("provider", "sparkpost")).expectInvalidField("provider");
        caller.post("/v1/feedback-hooks", Map.of()).expectInvalidField("provider");

        String ses = path(caller.post("/v1/feedback-hooks", Map.of("provider", "ses")).expect(201).data().path("url")
                .asString());
        post(ses.replace("/ses/", "/mailgun/"), "{}", Map.of()).expectError(404, "FEEDBACK_HOOK_NOT_FOUND");
        post(ses.replace("/ses/", "/sparkpost/"), "{}", Map.of()).expectError(404, "FEEDBACK_HOOK_NOT_FOUND");
        post(ses + "x", "{}", Map.of()).expectError(404, "FEEDBACK_HOOK_NOT_FOUND");
        post(ses, new byte[0], Map.of()).expectInvalidField("body");
    }

    @Test
    void makingOrDeletingAHookNeedsTheAdminScope() {
        Caller writer = caller.withKey(caller.post("/v1/api-keys", Map.of("name", "writer", "scopes",
                List.of("read", "write", "send"))).expect(201).data().path("key").asString());
        writer.post("/v1/feedback-hooks", Map.of("provider", "ses")).expectError(403, "FORBIDDEN");
        String id = caller.post("/v1/feedback-hooks", Map.of("provider", "ses")).expect(201).data().path("id")
                .asString();
        writer.delete("/v1/feedback-hooks/" + id).expectError(403, "FORBIDDEN");
        assertThat(writer.get("/v1/feedback-hooks").expect(200).data().path("feedbackHooks").size()).isEqualTo(1);
    }

    /** Another workspace's hook carries a signed Message-ID of this one's delivery: matched to nothing. */
    @Test
    void anotherWorkspacesHookCannotTouchThisWorkspacesDeliveries() {
        SentCampaign campaign = sentCampaign(1);
        Caller other = Api.at(port).newWorkspace();
        String otherHook = hookPath(other, Map.of("provider", "postmark", "username", "u", "password", "p"));

        Reply reply = post(otherHook, PostmarkHookTest.bounce("HardBounce", campaign.email(0), messageId(campaign, 0)),
                Map.of("Authorization", PostmarkHookTest.basic("u", "p"))).expect(200);

        assertThat(reply.data().path("unmatched").asInt()).isEqualTo(1);
        assertUntouched(campaign);
    }

    @Test
    void hostileBodiesAreRefusedWithA4xxAtEveryProvider() {
        List<String> bodies = List.of("", "null", "[]", "{}", "\"text\"", "[{}]", "{\"Type\": 7}",
                "{\"Type\": \"Notification\", \"Message\": \"{}\"}", "{\"signature\": []}",
                "{\"signature\": {\"timestamp\": \"x\", \"token\": \"t\", \"signature\": \"s\"}}",
                "[".repeat(5000), "{\"a\": \"\\u0000\"}");
        List<Map<String, Object>> hooks = List.of(Map.of("provider", "ses"), Map.of("provider", "mailgun",
                "signingKey", "k"), Map.of("provider", "postmark", "username", "u", "password", "p"),
                Map.of("provider", "sendgrid", "publicKey", SAMPLE_SENDGRID_KEY));
        for (Map<String, Object> hook : hooks) {
            String path = hookPath(caller, hook);
            for (String body : bodies) {
                Reply reply = post(path, body, Map.of("Authorization", PostmarkHookTest.basic("u", "p"),
                        SendGridEvents.SIGNATURE, "MEUCIQ==", SendGridEvents.TIMESTAMP, "1"));
                assertThat(reply.status()).as("%s answers %s with %s", hook.get("provider"), body.length() > 40
                        ? body.substring(0, 40) : body, reply.body()).isBetween(400, 499);
            }
        }
    }

    private static final String SAMPLE_SENDGRID_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEn2vqiULU1hyOrqB0T4ZWNvYQve8hsMBI1R"
            + "Gkor4q2qjhSJzZm5Jf9x74DZ4surAe5VG38ierldAGOomxN85IyQ==";

    private static String path(String url) {
        return java.net.URI.create(url).getPath();
    }
}

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

    private static String path(String url) {
        return java.net.URI.create(url).getPath();
    }
}

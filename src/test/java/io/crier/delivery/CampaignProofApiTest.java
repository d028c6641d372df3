package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.ReceivedMail;

import tools.jackson.databind.JsonNode;

/**
 * A campaign's preview and test send: rendered for a contact, sent to a few addresses over the
 * relay, and neither touches the campaign's ledger or counters. Placeholder errors are refused
 * where content is written.
 */
@CrierApiTest
class CampaignProofApiTest {

    @LocalServerPort
    int port;

    @Test
    void aPreviewRendersTheCampaignForOneContactOfTheWorkspace() {
        Api api = Api.at(port);
        Caller caller = api.newWorkspace();
        Caller other = api.newWorkspace();
        String contact = caller.post("/v1/contacts", """
                {"email": "zoe@example.org", "firstName": "Zoë <3", "customFields": {"city": "Köln"}}""")
                .expect(201).data().path("id").asString();
        String theirs = other.post("/v1/contacts", "{\"email\": \"zoe@example.org\"}").expect(201).data().path("id")
                .asString();
        String campaign = draft(caller);

        JsonNode byId = caller.post("/v1/campaigns/" + campaign + "/preview", Map.of("contactId", contact))
                .expect(200).data();
        assertThat(byId.path("subject").asString()).isEqualTo("Grüße aus Köln, Zoë <3");
        assertThat(byId.path("previewText").asString()).isEqualTo("Für Zoë <3");
        assertThat(byId.path("html").asString()).contains("<p>Hallo Zoë &lt;3, hier ist Köln.</p>")
                .contains(">Für Zoë &lt;3</div>").contains("/u/");
        assertThat(byId.path("text").asString())
                .startsWith("Hallo Zoë <3, hier ist Köln.\n\nfriend (http://localhost:8080/u/");
        JsonNode byEmail = caller.post("/v1/campaigns/" + campaign + "/preview", Map.of("email", "ZOE@example.org"))
                .expect(200).data();
        assertThat(byEmail).isEqualTo(byId);

        // A read-only key may preview; another workspace's contact is as unknown as none.
        Caller reader = caller.withKey(caller.post("/v1/api-keys", Map.of("name", "reader", "scopes",
                List.of("read"))).expect(201).data().path("key").asString());
        reader.post("/v1/campaigns/" + campaign + "/preview", Map.of("contactId", contact)).expect(200);
        String unknown = caller.post("/v1/campaigns/" + campaign + "/preview", Map.of("contactId", theirs))
                .expectError(404, "CONTACT_NOT_FOUND").body();
        assertThat(caller.post("/v1/campaigns/" + campaign + "/preview",
                Map.of("contactId", UUID.randomUUID().toString())).expect(404).body()).isEqualTo(unknown);
        other.post("/v1/campaigns/" + campaign + "/preview", Map.of("contactId", theirs))
                .expectError(404, "CAMPAIGN_NOT_FOUND");
        caller.post("/v1/campaigns/" + campaign + "/preview", "{}").expectInvalidField("contactId");
    }

    @Test
    void aTestGoesToTheAddressesGivenAndLeavesTheCampaignAsItWas() throws Exception {
        Caller caller = Api.at(port).newWorkspace();
        caller.post("/v1/contacts", """
                {"email": "zoe@example.org", "firstName": "Zoë", "customFields": {"city": "Köln"}}""").expect(201);
        caller.post("/v1/suppressions", Map.of("email", "gone@example.org")).expect(200);
        String campaign = draft(caller);
        JsonNode before = caller.get("/v1/campaigns/" + campaign).expect(200).data();

        JsonNode results = caller.post("/v1/campaigns/" + campaign + "/test",
                Map.of("emails", List.of("Zoe@example.org", "new@example.org", "gone@example.org"))).expect(200)
                .data().path("results");

        assertThat(results.valueStream().map(r -> r.path("email").asString() + " " + r.path("status").asString()))
                .containsExactly("zoe@example.org sent", "new@example.org sent", "gone@example.org suppressed");
        Map<String, MimeMessage> received = ReceivedMail.byRecipient(caller);
        assertThat(received).containsOnlyKeys("zoe@example.org", "new@example.org");
        assertThat(received.get("zoe@example.org").getSubject()).isEqualTo("Grüße aus Köln, Zoë");
        assertThat(received.get("new@example.org").getSubject()).isEqualTo("Grüße aus , ");
        assertThat(received.get("new@example.org").getMessageID()).endsWith(".test@crier.test>");

        // Its unsubscribe link shows the page and unsubscribes no one.
        String link = ReceivedMail.path(ReceivedMail.unsubscribeLink(received.get("zoe@example.org")));
        assertThat(Api.at(port).anonymous().get(link).expect(200).body()).contains("test message");
        assertThat(Api.at(port).anonymous().raw("POST", link, "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click").expect(200).body()).contains("unsubscribed no one");
        assertThat(caller.get("/v1/suppressions").expect(200).data().path("pagination").path("total").asInt())
                .isEqualTo(1);

        JsonNode after = caller.get("/v1/campaigns/" + campaign).expect(200).data();
        assertThat(after).isEqualTo(before);
        assertThat(caller.get("/v1/campaigns/" + campaign + "/deliveries").expect(200).data().path("pagination")
                .path("total").asInt()).isZero();
    }

    @Test
    void aTestTakesOneToTenValidAddresses() {
        Caller caller = Api.at(port).newWorkspace();
        String campaign = draft(caller);
        List<String> eleven = IntStream.range(0, 11).mapToObj(i -> "t" + i + "@example.org").toList();

        caller.post("/v1/campaigns/" + campaign + "/test", Map.of("emails", eleven)).expectInvalidField("emails");
        caller.post("/v1/campaigns/" + campaign + "/test", Map.of("emails", List.of())).expectInvalidField("emails");
        caller.post("/v1/campaigns/" + campaign + "/test", Map.of("emails", List.of("nope")))
                .expectInvalidField("emails[0]");
        assertThat(ReceivedMail.byRecipient(caller)).isEmpty();
    }

    @Test
    void placeholderErrorsAreRefusedWhereContentIsWrittenNamingFieldAndLine() {
        Caller caller = Api.at(port).newWorkspace();
        String campaign = draft(caller);

        String html = caller.post("/v1/campaigns", Map.of("name", "Broken", "html", "<p>a</p>\n<p>{{ firstName </p>"))
                .expectInvalidField("html").body();
        assertThat(html).contains("line 2");
        caller.patch("/v1/campaigns/" + campaign, Map.of("subject", "Hi {{ firstName | nosuchfilter }}"))
                .expectInvalidField("subject");
        caller.patch("/v1/campaigns/" + campaign, Map.of("previewText", "{% if %}")).expectInvalidField("previewText");
        caller.post("/v1/templates", Map.of("name", "Broken", "text", "{{ }}")).expectInvalidField("text");
        String template = caller.post("/v1/templates", Map.of("name", "Fine", "html", "<p>{{ firstName }}</p>"))
                .expect(201).data().path("id").asString();
        caller.patch("/v1/templates/" + template, Map.of("html", "{{ a b }}")).expectInvalidField("html");
    }

    /** A draft whose parts use contact fields, a custom field, fallbacks and the unsubscribe link. */
    /**
     * Audit finding 21a: placeholders that parse but fail for one contact (here a division by
     * their zero) make a preview or a test a 422 naming the part, no longer a 500.
     */
    @Test
    void aPreviewOrTestThatCannotBeRenderedForItsContactIsA422NamingThePart() {
        Caller caller = Api.at(port).newWorkspace();
        caller.post("/v1/contacts", """
                {"email": "zero@example.org", "customFields": {"n": 0}}""").expect(201);
        String list = caller.post("/v1/lists", Map.of("name", "Proof list")).expect(201).data().path("id").asString();
        String campaign = caller.post("/v1/campaigns", Map.of("name", "Divides", "subject", "Hi",
                "from", Map.of("email", "news@crier.test"), "html", "<p>{% if n is not null %}{{ 100 / n }}{% endif %}</p>",
                "text", "Hi", "toLists", List.of(list))).expect(201).data().path("id").asString();

        JsonNode preview = caller.post("/v1/campaigns/" + campaign + "/preview", Map.of("email", "zero@example.org"))
                .expectError(422, "TEMPLATE_RENDER_FAILED").error();
        JsonNode test = caller.post("/v1/campaigns/" + campaign + "/test", Map.of("emails", List.of("zero@example.org")))
                .expectError(422, "TEMPLATE_RENDER_FAILED").error();

        assertThat(preview.path("details")).isEqualTo(test.path("details"));
        assertThat(preview.path("details")).singleElement().satisfies(detail -> {
            assertThat(detail.path("field").asString()).isEqualTo("html");
            assertThat(detail.path("message").asString()).isEqualTo("cannot be rendered: Could not perform division (line 1)");
        });
    }

    private static String draft(Caller caller) {
        String list = caller.post("/v1/lists", Map.of("name", "Proof list")).expect(201).data().path("id").asString();
        return caller.post("/v1/campaigns", Map.of(
                "name", "Proofed",
                "subject", "Grüße aus {{ city }}, {{ firstName }}",
                "previewText", "Für {{ firstName }}",
                "from", Map.of("email", "news@crier.test", "name", "Crier"),
                "html", "<p>Hallo {{ firstName }}, hier ist {{ city }}.</p>"
                        + "<p><a href=\"{{ unsubscribeURL }}\">{{ nickname | default(\"friend\") }}</a></p>",
                "toLists", List.of(list))).expect(201).data().path("id").asString();
    }
}

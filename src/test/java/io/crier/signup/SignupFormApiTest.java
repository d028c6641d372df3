package io.crier.signup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Eventually;
import io.crier.support.ReceivedMail;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;

/**
 * Public signup forms end to end: the hosted page, its post, the confirmation mail in the capture
 * inbox, its link, and only then a campaign's mail; the consent record; bad addresses, bots,
 * replays and floods refused with nothing mailed. Every post comes from 127.0.0.1, whose budget
 * (10 an hour) the tests share: the flood test runs last and spends the rest.
 */
@CrierApiTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignupFormApiTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Pattern CONFIRM_LINK = Pattern.compile("http://localhost:8080(/f/confirm/[A-Za-z0-9_-]+)");

    @LocalServerPort
    int port;

    @Test
    @Order(1)
    void signUpThenConfirmByTheMailedLinkAndOnlyThenACampaignMailsThem() throws Exception {
        Api api = Api.at(port);
        Caller caller = api.newWorkspace();
        Caller visitor = api.anonymous();
        caller.post("/v1/senders", Map.of("email", "news@crier.test", "name", "News")).expect(201);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String reader = "reader-" + tag + "@example.org";
        String regular = "regular-" + tag + "@example.org";
        String list = Audiences.list(caller, List.of(regular));
        caller.patch("/v1/lists/" + list, Map.of("name", "Weekly <b>news</b>", "publicForm", true)).expect(200);

        JsonNode links = caller.get("/v1/lists/" + list + "/form").expect(200).data();
        assertThat(links.path("open").asBoolean()).isTrue();
        assertThat(links.path("doubleOptIn").asBoolean()).isTrue();
        assertThat(links.path("hostedUrl").asString()).isEqualTo("http://localhost:8080/f/" + list);
        assertThat(links.path("embedHtml").asString()).contains("action=\"http://localhost:8080/f/" + list + "\"")
                .contains("value=\"embedded\"").doesNotContain("<script");

        Reply page = visitor.get("/f/" + list).expect(200);
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'").contains("form-action 'self'");
        assertThat(page.body()).contains("Subscribe to Weekly &lt;b&gt;news&lt;/b&gt;").doesNotContain("<b>news")
                .contains("<form method=\"post\" action=\"/f/" + list + "\"").contains("name=\"website\"");

        assertThat(visitor.raw("POST", "/f/" + list, FORM, form("email", reader.toUpperCase(), "firstName", "Rea",
                "source", "hosted")).expect(200).body()).contains("Check your inbox");
        String contact = caller.get("/v1/contacts?email=" + reader).expect(200).data().path("contacts").get(0)
                .path("id").asString();
        assertThat(statusOn(caller, contact, list)).isEqualTo("unconfirmed");
        assertThat(caller.get("/v1/lists/" + list).data().path("contactCount").asInt()).isEqualTo(2);

        // Unconfirmed: a campaign to the list mails only the member who was subscribed already.
        String campaign = Audiences.campaign(caller, Map.of(), list);
        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        Eventually.status(caller, campaign, "sent");
        Map<String, MimeMessage> inbox = Eventually.await("the confirmation mail", Duration.ofSeconds(30),
                () -> ReceivedMail.byRecipient(caller), mail -> mail.containsKey(reader));
        assertThat(inbox).containsOnlyKeys(regular, reader);
        MimeMessage confirmation = inbox.get(reader);
        assertThat(confirmation.getSubject()).isEqualTo("Confirm your subscription to Weekly <b>news</b>");
        assertThat(confirmation.getFrom()[0].toString()).contains("news@crier.test");
        Matcher link = CONFIRM_LINK.matcher(ReceivedMail.text(ReceivedMail.part(confirmation, 0)));
        assertThat(link.find()).isTrue();
        String confirmPath = link.group(1);

        // Signing up again the same day: the same answer, and no new mail, whose link would have
        // superseded the first one.
        visitor.raw("POST", "/f/" + list, FORM, form("email", reader, "source", "hosted")).expect(200);

        // The link's page asks; only its POST confirms, once.
        assertThat(visitor.get(confirmPath).expect(200).body()).contains("<form method=\"post\" action=\"" + confirmPath);
        assertThat(statusOn(caller, contact, list)).isEqualTo("unconfirmed");
        assertThat(visitor.raw("POST", confirmPath, FORM, "").expect(200).body())
                .contains("You are subscribed").contains("Weekly &lt;b&gt;news&lt;/b&gt;");
        assertThat(statusOn(caller, contact, list)).isEqualTo("subscribed");
        visitor.raw("POST", confirmPath, FORM, "").expect(404);
        char last = confirmPath.charAt(confirmPath.length() - 1);
        visitor.raw("POST", confirmPath.substring(0, confirmPath.length() - 1) + (last == 'A' ? 'B' : 'A'), FORM, "")
                .expect(404);

        // One record per sign-up (they agreed twice), both confirmed by the one link.
        JsonNode consents = caller.get("/v1/contacts/" + contact + "/consents").expect(200).data();
        assertThat(consents).hasSize(2).allSatisfy(record -> assertThat(record.path("confirmedAt").isNull()).isFalse());
        JsonNode consent = consents.get(0);
        assertThat(consent.path("listId").asString()).isEqualTo(list);
        assertThat(consent.path("source").asString()).isEqualTo("hosted");
        assertThat(consent.path("ipAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(consent.path("userAgent").asString()).isNotBlank();
        assertThat(consent.path("consentText").asString())
                .isEqualTo("Yes, send me Weekly <b>news</b> by email. I can unsubscribe at any time.");
        assertThat(consent.path("confirmedAt").isNull()).isFalse();

        // Confirmed: now the next campaign mails them.
        caller.delete("/v1/dev/inbox").expect(200);
        String next = caller.post("/v1/campaigns/" + campaign + "/duplicate").expect(201).data().path("id").asString();
        caller.post("/v1/campaigns/" + next + "/send").expect(200);
        Eventually.status(caller, next, "sent");
        assertThat(ReceivedMail.byRecipient(caller)).containsOnlyKeys(regular, reader);
    }

    @Test
    @Order(2)
    void badAddressesBotsAndPrivateListsAreRefusedAndNothingIsMailed() {
        Api api = Api.at(port);
        Caller caller = api.newWorkspace();
        Caller visitor = api.anonymous();
        caller.post("/v1/senders", Map.of("email", "news@crier.test", "name", "News")).expect(201);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String open = caller.post("/v1/lists", Map.of("name", "Open", "publicForm", true, "doubleOptIn", false,
                "consentText", "Send me <everything>")).expect(201).data().path("id").asString();
        String closed = caller.post("/v1/lists", Map.of("name", "Closed")).expect(201).data().path("id").asString();

        assertThat(visitor.raw("POST", "/f/" + open, FORM, form("email", "not an address")).expect(400).body())
                .contains("Enter a valid email address").contains("Send me &lt;everything&gt;");
        assertThat(visitor.raw("POST", "/f/" + open, FORM, form("email", "bot-" + tag + "@example.org",
                "website", "http://spam.example")).expect(200).body()).contains("You are subscribed");
        assertThat(visitor.raw("POST", "/f/" + open, "application/json", "{\"email\": 42}").expect(400).body())
                .contains("\"email\"");
        visitor.get("/f/" + closed).expect(404);
        visitor.raw("POST", "/f/" + closed, FORM, form("email", "closed-" + tag + "@example.org")).expect(404);
        visitor.get("/f/" + UUID.randomUUID()).expect(404);

        // Without double opt-in the JSON endpoint subscribes at once, and mails nothing.
        assertThat(visitor.raw("POST", "/f/" + open, "application/json",
                "{\"email\": \"json-" + tag + "@example.org\", \"firstName\": \"Jo\"}").expect(202).body())
                .contains("Subscribed");
        JsonNode contacts = caller.get("/v1/contacts").expect(200).data().path("contacts");
        assertThat(contacts).hasSize(1);
        JsonNode contact = contacts.get(0);
        assertThat(contact.path("email").asString()).isEqualTo("json-" + tag + "@example.org");
        assertThat(contact.path("subscriptions").get(0).path("status").asString()).isEqualTo("subscribed");
        JsonNode consent = caller.get("/v1/contacts/" + contact.path("id").asString() + "/consents").expect(200)
                .data().get(0);
        assertThat(consent.path("source").asString()).isEqualTo("api");
        assertThat(consent.path("consentText").asString()).isEqualTo("Send me <everything>");
        assertThat(ReceivedMail.rawByRecipient(caller)).isEmpty();
    }

    @Test
    @Order(3)
    void aFloodForOneAddressOrFromOneClientIsRefusedAndMailsNothing() {
        Api api = Api.at(port);
        Caller caller = api.newWorkspace();
        Caller visitor = api.anonymous();
        caller.post("/v1/senders", Map.of("email", "news@crier.test", "name", "News")).expect(201);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String list = caller.post("/v1/lists", Map.of("name", "Flooded", "publicForm", true)).expect(201).data()
                .path("id").asString();
        String target = "target-" + tag + "@example.org";

        Reply refused = null;
        for (int i = 0; i < 5 && refused == null; i++) {
            Reply reply = visitor.raw("POST", "/f/" + list, FORM, form("email", target));
            refused = reply.status() == 429 ? reply : null;
        }
        assertThat(refused).as("the same address posted again and again").isNotNull();
        assertThat(refused.body()).contains("for this email address");
        int status = 0;
        for (int i = 0; i < 15 && status != 429; i++) {
            status = visitor.raw("POST", "/f/" + list, FORM, form("email", "flood" + i + "-" + tag + "@example.org"))
                    .status();
        }
        assertThat(status).as("one client posting again and again").isEqualTo(429);
        assertThat(visitor.raw("POST", "/f/" + list, FORM, form("email", "late-" + tag + "@example.org"))
                .expect(429).body()).contains("try again later");

        assertThat(caller.get("/v1/contacts?email=late-" + tag + "@example.org").expect(200).data()
                .path("contacts")).isEmpty();
        Eventually.await("the first confirmation", Duration.ofSeconds(30),
                () -> ReceivedMail.rawByRecipient(caller), mail -> mail.containsKey(target));
        assertThat(ReceivedMail.rawByRecipient(caller)).as("one confirmation per address at most")
                .containsKey(target).doesNotContainKey("late-" + tag + "@example.org");
    }

    private static String statusOn(Caller caller, String contact, String list) {
        for (JsonNode subscription : caller.get("/v1/contacts/" + contact).expect(200).data().path("subscriptions")) {
            if (subscription.path("listId").asString().equals(list)) {
                return subscription.path("status").asString();
            }
        }
        return null;
    }

    private static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }
}

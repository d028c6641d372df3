package io.crier.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
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
 * Unsubscribe round trips driven by the links in the messages the capture server received: the
 * page, its form, RFC 8058's one-click POST, forged tokens; and the next campaign skipping the
 * unsubscribed and bounced addresses and counting them.
 */
@CrierApiTest
class UnsubscribeApiTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    @LocalServerPort
    int port;

    @Test
    void linksFromTheMailUnsubscribeAtOnceAndTheNextCampaignSkipsTheSuppressed() throws Exception {
        Api api = Api.at(port);
        Caller caller = api.newWorkspace();
        Caller anonymous = api.anonymous();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> emails = IntStream.range(0, 4).mapToObj(i -> "u" + i + "-" + tag + "@example.org").toList();
        String list = Audiences.list(caller, emails);
        String first = Audiences.campaign(caller, Map.of("html",
                "<p>Hi {{ firstName }}</p><p><a href=\"{{ unsubscribeURL }}\">Unsubscribe</a></p>", "text", ""),
                list);
        caller.post("/v1/campaigns/" + first + "/send").expect(200);
        Eventually.status(caller, first, "sent");

        Map<String, MimeMessage> received = ReceivedMail.byRecipient(caller);
        assertThat(received).containsOnlyKeys(emails);
        List<String> links = emails.stream().map(email -> ReceivedMail.unsubscribeLink(received.get(email))).toList();
        assertThat(links).doesNotHaveDuplicates().allSatisfy(link -> assertThat(link)
                .startsWith("http://localhost:8080/u/").doesNotContain(first).doesNotContain(tag));
        MimeMessage firstMessage = received.get(emails.get(0));
        assertThat(firstMessage.getHeader("List-Unsubscribe-Post")).containsExactly(ONE_CLICK);
        assertThat(ReceivedMail.text(ReceivedMail.part(firstMessage, 1)))
                .contains("<a href=\"" + links.get(0) + "\">Unsubscribe</a>");
        assertThat(ReceivedMail.text(ReceivedMail.part(firstMessage, 0))).contains("Unsubscribe (" + links.get(0) + ")");

        // The page only asks: a GET (a link scanner, a prefetch) changes nothing.
        Reply page = anonymous.get(ReceivedMail.path(links.get(0))).expect(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.body()).contains("<form method=\"post\" action=\"" + ReceivedMail.path(links.get(0)) + "\">")
                .contains("name=\"List-Unsubscribe\" value=\"One-Click\"").doesNotContain("<script");
        assertThat(suppressed(caller)).isEmpty();
        assertThat(metric(caller, first, "unsubscribed")).isZero();

        // The page's form, then a second press: one unsubscribe.
        assertThat(anonymous.raw("POST", ReceivedMail.path(links.get(0)), FORM, ONE_CLICK).expect(200).body())
                .contains("You are unsubscribed");
        anonymous.raw("POST", ReceivedMail.path(links.get(0)), FORM, ONE_CLICK).expect(200);
        // A mail client's one-click POST (RFC 8058), without having loaded the page.
        anonymous.raw("POST", ReceivedMail.path(links.get(1)), FORM, ONE_CLICK).expect(200);

        // A forged link: one character of a real token changed. Nothing is recorded.
        String real = ReceivedMail.path(links.get(2));
        char last = real.charAt(real.length() - 1);
        String forged = real.substring(0, real.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(anonymous.get(forged).expect(404).body()).contains("not valid");
        anonymous.raw("POST", forged, FORM, ONE_CLICK).expect(404);
        anonymous.raw("POST", "/u/" + UUID.randomUUID(), FORM, ONE_CLICK).expect(404);

        assertThat(suppressed(caller)).containsExactlyInAnyOrderEntriesOf(Map.of(
                emails.get(0), "unsubscribed", emails.get(1), "unsubscribed"));
        assertThat(metric(caller, first, "unsubscribed")).isEqualTo(2);

        // A bounce found elsewhere; then the next campaign to the same list.
        caller.post("/v1/suppressions", Map.of("email", emails.get(2), "reason", "bounced")).expect(200);
        caller.delete("/v1/dev/inbox").expect(200);
        String next = caller.post("/v1/campaigns/" + first + "/duplicate").expect(201).data().path("id").asString();
        caller.post("/v1/campaigns/" + next + "/send").expect(200);
        JsonNode sent = Eventually.status(caller, next, "sent").data();

        assertThat(ReceivedMail.byRecipient(caller)).containsOnlyKeys(emails.get(3));
        assertThat(sent.path("metrics").path("suppressed").asInt()).isEqualTo(3);
        assertThat(sent.path("metrics").path("totalContacts").asInt()).isEqualTo(1);
        assertThat(sent.path("metrics").path("sent").asInt()).isEqualTo(1);
    }

    @Test
    void aLinkUnsubscribesItsRecipientInItsOwnWorkspaceOnly() {
        Api api = Api.at(port);
        Caller caller = api.newWorkspace();
        Caller other = api.newWorkspace();
        String email = "only-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String campaign = Audiences.campaign(caller, Map.of(), Audiences.list(caller, List.of(email)));
        Audiences.list(other, List.of(email));
        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        Eventually.status(caller, campaign, "sent");
        String link = ReceivedMail.unsubscribeLink(ReceivedMail.byRecipient(caller).get(email));

        api.anonymous().raw("POST", ReceivedMail.path(link), FORM, ONE_CLICK).expect(200);

        assertThat(suppressed(caller)).containsExactly(Map.entry(email, "unsubscribed"));
        assertThat(suppressed(other)).as("the same address in another workspace").isEmpty();
    }

    /**
     * RFC 8058's own example sends the one-click POST as multipart/form-data: it unsubscribes, and
     * the body is never parsed into parts on this open path (a malformed one gets the page, not an
     * error about multipart; parts would be written to disk, up to the import's size, for anyone).
     */
    @Test
    void aOneClickPostSentAsMultipartUnsubscribesWithoutItsBodyBeingParsed() {
        Api api = Api.at(port);
        Caller caller = api.newWorkspace();
        String email = "multipart-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String campaign = Audiences.campaign(caller, Map.of(), Audiences.list(caller, List.of(email)));
        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        Eventually.status(caller, campaign, "sent");
        String path = ReceivedMail.path(ReceivedMail.unsubscribeLink(ReceivedMail.byRecipient(caller).get(email)));
        String boundary = "---FormBoundaryjWmhtjORrn";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
                + "One-Click\r\n--" + boundary + "--\r\n";

        assertThat(api.anonymous().raw("POST", path, "multipart/form-data; boundary=" + boundary, form).expect(200)
                .body()).contains("You are unsubscribed");
        assertThat(suppressed(caller)).containsExactly(Map.entry(email, "unsubscribed"));
        assertThat(api.anonymous().raw("POST", "/u/" + UUID.randomUUID(), "multipart/form-data; boundary=" + boundary,
                "--" + boundary + "\r\nnot a part at all").expect(404).body()).contains("not valid");
    }

    private static Map<String, String> suppressed(Caller caller) {
        Map<String, String> reasons = new java.util.LinkedHashMap<>();
        caller.get("/v1/suppressions?limit=100").expect(200).data().path("suppressions")
                .forEach(entry -> reasons.put(entry.path("email").asString(), entry.path("reason").asString()));
        return reasons;
    }

    private static int metric(Caller caller, String campaign, String name) {
        return caller.get("/v1/campaigns/" + campaign).expect(200).data().path("metrics").path(name).asInt();
    }
}

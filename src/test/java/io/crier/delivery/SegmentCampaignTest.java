package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import io.crier.support.Audiences;
import io.crier.support.ClockedEngineCase;
import io.crier.support.Eventually;
import io.crier.support.ReceivedMail;
import io.crier.support.ScriptedSmtpServer.Received;

/**
 * A campaign to a segment mails exactly the contacts the segment matches when its audience is
 * queued, and one that leaves a segment out mails the others: a field rule and an event rule
 * ("opened within 10 days") checked against opens the test makes by loading the pixels of an
 * earlier campaign's mail, at times the test clock sets.
 */
class SegmentCampaignTest extends ClockedEngineCase {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.5 Safari/605.1.15";

    @Test
    void aCampaignToASegmentMailsExactlyItsMatchesAsTheyStandWhenItsAudienceIsQueued() {
        List<String> readers = addresses("s", 4);
        String list = caller.post("/v1/contact-lists", Map.of("name", "Readers")).expect(201).data().path("id")
                .asString();
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int i = 0; i < readers.size(); i++) {
            contacts.add(Map.of("email", readers.get(i), "firstName", "Reader" + i,
                    "customFields", Map.of("plan", i == 0 ? "free" : "pro")));
        }
        caller.post("/v1/contacts/bulk", Map.of("contacts", contacts, "listIds", List.of(list))).expect(200);

        String first = send(list, null);
        Map<String, String> pixels = pixels(first);
        assertThat(pixels).containsOnlyKeys(readers);
        clock.advance(Duration.ofMinutes(5));
        open(pixels.get(readers.get(0)));
        open(pixels.get(readers.get(1)));
        clock.advance(Duration.ofDays(20));
        open(pixels.get(readers.get(2)));

        String recentProOpeners = caller.post("/v1/contact-lists", Map.of("name", "Pro, opened lately", "type",
                "segment", "filterCriteria", Map.of("match", "all", "rules", List.of(
                        Map.of("field", "customFields.plan", "operator", "equals", "value", "pro"),
                        Map.of("event", "opened", "withinDays", 10))))).expect(201).data().path("id").asString();
        assertThat(caller.get("/v1/contact-lists/" + recentProOpeners).expect(200).data().path("contactCount")
                .asInt()).isEqualTo(1);

        assertThat(recipients(send(recentProOpeners, null))).containsExactly(readers.get(2));
        assertThat(recipients(send(list, recentProOpeners)))
                .containsExactlyInAnyOrder(readers.get(0), readers.get(1), readers.get(3));

        // Eleven days on, the open that made the segment is older than ten days: nobody matches.
        clock.advance(Duration.ofDays(11));
        assertThat(caller.get("/v1/contact-lists/" + recentProOpeners).expect(200).data().path("contactCount")
                .asInt()).isZero();
    }

    /** Sends a campaign to the list or segment, leaving out {@code excluded} if not null; returns its From address. */
    private String send(String to, String excluded) {
        String from = "seg-" + UUID.randomUUID().toString().substring(0, 8) + "@crier.test";
        Map<String, Object> extra = new HashMap<>(Map.of("from", Map.of("email", from, "name", "Crier")));
        if (excluded != null) {
            extra.put("excludeLists", List.of(excluded));
        }
        String campaign = Audiences.campaign(caller, extra, to);
        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        Eventually.status(caller, campaign, "sent");
        int audience = caller.get("/v1/campaigns/" + campaign).expect(200).data().path("metrics").path("sent").asInt();
        Eventually.await("the campaign's mail", WAIT, () -> received(from).size(), n -> n >= audience);
        return from;
    }

    private List<Received> received(String from) {
        return smtp.received().stream().filter(r -> r.envelopeFrom().equals(from)).toList();
    }

    private List<String> recipients(String from) {
        return received(from).stream().map(Received::recipient).toList();
    }

    /** Each recipient's open pixel in the mail from this address. */
    private Map<String, String> pixels(String from) {
        Map<String, String> pixels = new HashMap<>();
        received(from).forEach(r -> pixels.put(r.recipient(), Jsoup.parse(ReceivedMail.text(ReceivedMail.part(
                ReceivedMail.parse(r.data()), 1))).selectFirst("img[width=1][height=1]").attr("src")));
        return pixels;
    }

    /** Loads the pixel as a person's mail client would. */
    private void open(String pixel) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + ReceivedMail.path(pixel)))
                .header("User-Agent", BROWSER).timeout(Duration.ofSeconds(10)).build();
        try {
            assertThat(HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

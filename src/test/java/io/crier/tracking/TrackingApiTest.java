package io.crier.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.shared.LinkSecret;
import io.crier.shared.Timestamps;
import io.crier.support.Api;
import io.crier.support.CampaignRun;
import io.crier.support.WebhookEngineCase;
import io.crier.support.Eventually;
import io.crier.support.ReceivedMail;
import io.crier.support.WebhookReceiver.Request;

import tools.jackson.databind.JsonNode;

/**
 * Open and click tracking end to end: campaigns sent to the scripted SMTP server on loopback, the
 * open pixel and redirects taken out of the messages it received and fetched as mail clients,
 * people and link scanners would; the counts, per-link and per-contact figures, both dialects'
 * statistics and the signed webhooks that follow; and forged or altered tokens refused.
 */
class TrackingApiTest extends WebhookEngineCase {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.5 Safari/605.1.15";
    private static final String OFFER = "https://shop.example.com/offer?a=1&b=2";
    private static final String BLOG = "https://blog.example.com/";
    private static final String YOURS = "https://shop.example.com/p?who={{ email }}&n={{ firstName }}";
    private static final String HTML = """
            <html><body><p>Hi {{ firstName }}</p>
            <p><a href="https://shop.example.com/offer?a=1&amp;b=2">Offer</a>
            <a href="https://blog.example.com/">Blog</a>
            <a href="https://shop.example.com/p?who={{ email }}&amp;n={{ firstName }}">Yours</a>
            <a href="mailto:help@example.com">Help</a>
            <a href="{{ unsubscribeURL }}">Unsubscribe</a></p>
            </body></html>""";

    /** What one received message links to: its open pixel (null without one) and each link's href by its text. */
    private record Message(String pixel, Map<String, String> links) {
    }

    @Autowired
    LinkSecret secret;

    @Autowired
    JdbcClient jdbc;

    @Value("${crier.tracking.events-per-delivery}")
    int eventsPerDelivery;

    @Value("${crier.rate-limit.token-pages.per-token-burst}")
    int perTokenBurst;

    @Value("${crier.rate-limit.token-pages.per-address-burst}")
    int perAddressBurst;

    @Test
    void opensAndClicksFromTheReceivedMailAreCountedApartFromMachinesAndPushedAsSignedWebhooks() {
        String url = receiver.newEndpoint();
        String secretOfHook = caller.post("/v1/webhooks", Map.of("url", url,
                "events", List.of("email.opened", "email.clicked"))).expect(201).data().path("secret").asString();
        CampaignRun run = CampaignRun.create(caller, smtp, 2, Map.of("html", HTML, "text", ""));
        run.control(caller, "send").expect(200);
        run.awaitStatus("sent", WAIT);
        Map<String, Message> messages = messages(run);
        Message first = messages.get(run.emails().get(0));
        Message second = messages.get(run.emails().get(1));

        assertThat(first.pixel()).startsWith("http://localhost:8080/t/o/");
        assertThat(first.links().get("Offer")).startsWith("http://localhost:8080/t/c/");
        assertThat(first.links().get("Blog")).startsWith("http://localhost:8080/t/c/");
        assertThat(first.links().get("Help")).isEqualTo("mailto:help@example.com");
        assertThat(first.links().get("Unsubscribe")).startsWith("http://localhost:8080/u/");
        assertThat(List.of(first.pixel(), first.links().get("Offer"), first.links().get("Blog"), second.pixel(),
                second.links().get("Offer"), second.links().get("Blog"))).doesNotHaveDuplicates()
                .allSatisfy(link -> assertThat(link).doesNotContain(run.id()).doesNotContain("example"));

        // The moment the message arrives, a scanner loads it with a browser's User-Agent: a machine.
        assertPixel(fetch("GET", second.pixel(), BROWSER));
        clock.advance(Duration.ofMinutes(5));
        // The first recipient opens twice and clicks the offer twice and the blog once.
        assertPixel(fetch("GET", first.pixel(), BROWSER));
        assertPixel(fetch("GET", first.pixel(), BROWSER));
        assertRedirect(fetch("GET", first.links().get("Offer"), BROWSER), OFFER);
        assertRedirect(fetch("GET", first.links().get("Offer"), BROWSER), OFFER);
        assertRedirect(fetch("GET", first.links().get("Blog"), BROWSER), BLOG);
        // The second: Apple's privacy proxy loads the pixel, a security gateway and a HEAD follow
        // the links; then the recipient clicks the blog.
        assertPixel(fetch("GET", second.pixel(), "Mozilla/5.0"));
        assertRedirect(fetch("GET", second.links().get("Offer"), "Barracuda Sentinel (EE)"), OFFER);
        assertThat(fetch("HEAD", second.links().get("Blog"), BROWSER).statusCode()).isEqualTo(302);
        assertRedirect(fetch("GET", second.links().get("Blog"), BROWSER), BLOG);

        JsonNode metrics = caller.get("/v1/campaigns/" + run.id()).expect(200).data().path("metrics");
        assertThat(metrics.path("opened").asInt()).as("unique opens").isEqualTo(1);
        assertThat(metrics.path("totalOpens").asInt()).isEqualTo(2);
        assertThat(metrics.path("machineOpens").asInt()).isEqualTo(2);
        assertThat(metrics.path("clicked").asInt()).as("unique clicks").isEqualTo(2);
        assertThat(metrics.path("totalClicks").asInt()).isEqualTo(4);
        assertThat(metrics.path("machineClicks").asInt()).isEqualTo(2);
        assertThat(metrics.path("openRate").asDouble()).isEqualTo(0.5);
        assertThat(metrics.path("clickRate").asDouble()).isEqualTo(1.0);

        JsonNode links = caller.get("/v1/campaigns/" + run.id() + "/links").expect(200).data().path("links");
        assertThat(links.valueStream().map(l -> l.path("url").asString() + " " + l.path("clicks").asInt() + " "
                + l.path("uniqueClicks").asInt() + " " + l.path("machineClicks").asInt()))
                .containsExactly(OFFER + " 2 1 1", BLOG + " 2 2 1", YOURS + " 0 0 0");

        String firstContact = caller.get("/v1/campaigns/" + run.id() + "/deliveries").expect(200).data()
                .path("deliveries").valueStream().filter(d -> d.path("email").asString().equals(run.emails().get(0)))
                .findFirst().orElseThrow().path("contactId").asString();
        JsonNode firstActivity = caller.get("/v1/campaigns/" + run.id() + "/activity?contactId=" + firstContact)
                .expect(200).data();
        assertThat(firstActivity.path("activity").valueStream().map(a -> a.path("event").asString() + " "
                + a.path("url").asString("") + " " + a.path("machine").asBoolean()))
                .containsExactly("open  false", "open  false", "click " + OFFER + " false",
                        "click " + OFFER + " false", "click " + BLOG + " false");
        assertThat(firstActivity.path("pagination").path("total").asInt()).isEqualTo(5);
        JsonNode totals = firstActivity.path("totals");
        assertThat(List.of(totals.path("opens").asInt(), totals.path("clicks").asInt(),
                totals.path("machineOpens").asInt(), totals.path("machineClicks").asInt())).containsExactly(2, 3, 0, 0);
        assertThat(caller.get("/v1/campaigns/" + run.id() + "/activity?email=" + run.emails().get(1)).expect(200)
                .data().path("activity").valueStream().map(a -> a.path("machine").asBoolean()))
                .containsExactly(true, true, true, true, false);
        Api.at(port).newWorkspace().get("/v1/campaigns/" + run.id() + "/links").expect(404);

        JsonNode leadterra = caller.get("/leadterra/v1/campaigns/" + run.id() + "/stats").expect(200).json();
        assertThat(leadterra.path("openRate").asDouble()).isEqualTo(0.5);
        JsonNode blueshift = caller.basic().get("/blueshift/api/v1/campaigns/" + run.id() + "/detail.json")
                .expect(200).json().path("campaign").path("statistics");
        assertThat(List.of(blueshift.path("opens").asInt(), blueshift.path("unique_opens").asInt(),
                blueshift.path("clicks").asInt(), blueshift.path("unique_clicks").asInt())).containsExactly(2, 1, 4, 2);

        List<Request> hooks = Eventually.await("10 tracking webhooks", WAIT, () -> receiver.received(url),
                requests -> requests.size() >= 10);
        assertThat(hooks).allSatisfy(hook -> assertThat(hook.signedWith(secretOfHook, "X-Crier-Signature", "sha256="))
                .isTrue());
        assertThat(hooks.stream().collect(Collectors.groupingBy(Request::event, Collectors.counting())))
                .isEqualTo(Map.of("email.opened", 4L, "email.clicked", 6L));
        assertThat(hooks.stream().filter(hook -> hook.event().equals("email.clicked"))
                .map(hook -> hook.data().path("email").asString().equals(run.emails().get(0)) + " "
                        + hook.data().path("url").asString() + " " + hook.data().path("machine").asBoolean()))
                .containsExactlyInAnyOrder("true " + OFFER + " false", "true " + OFFER + " false",
                        "true " + BLOG + " false", "false " + OFFER + " true", "false " + BLOG + " true", "false " + BLOG + " false");
        assertThat(hooks).allSatisfy(hook -> assertThat(hook.data().path("campaignId").asString())
                .isEqualTo(run.id()));
    }

    @Test
    void forgedAndAlteredTokensAndOtherCampaignsLinksAre404AndRecordNothing() {
        CampaignRun run = CampaignRun.create(caller, smtp, 1, Map.of("html", HTML));
        CampaignRun other = CampaignRun.create(caller, smtp, 1, Map.of("html",
                "<p><a href=\"https://elsewhere.example.net/\">Elsewhere</a></p>"));
        run.control(caller, "send").expect(200);
        other.control(caller, "send").expect(200);
        run.awaitStatus("sent", WAIT);
        other.awaitStatus("sent", WAIT);
        clock.advance(Duration.ofMinutes(5));
        Message message = messages(run).values().iterator().next();
        String pixel = ReceivedMail.path(message.pixel());
        String offer = ReceivedMail.path(message.links().get("Offer"));
        String openToken = pixel.substring("/t/o/".length());
        String clickToken = offer.substring("/t/c/".length());
        String unsubscribeToken = ReceivedMail.path(message.links().get("Unsubscribe")).substring("/u/".length());
        long deliveryId = caller.get("/v1/campaigns/" + run.id() + "/deliveries").expect(200).data()
                .path("deliveries").get(0).path("id").asLong();
        long othersLink = TrackingTokens.of(secret).read(ReceivedMail.path(messages(other).values().iterator().next()
                .links().get("Elsewhere")).substring("/t/c/".length())).orElseThrow().linkId();

        List<String> forged = List.of(
                "/t/o/" + altered(openToken, openToken.length() - 1), "/t/o/" + altered(openToken, 10),
                "/t/c/" + altered(clickToken, clickToken.length() - 1), "/t/c/" + altered(clickToken, 0),
                "/t/c/" + openToken, "/t/o/" + clickToken, "/t/o/" + unsubscribeToken, "/t/c/" + unsubscribeToken,
                "/t/o/" + openToken + "A", "/t/c/" + clickToken.substring(1), "/t/o/not-a-token", "/t/c/",
                // Signed by Crier, but for a link of another campaign: never a redirect there.
                "/t/c/" + TrackingTokens.of(secret).click(deliveryId, othersLink));
        for (String path : forged) {
            HttpResponse<String> response = fetch("GET", "http://localhost" + path, BROWSER);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Location")).as(path).isEmpty();
        }

        JsonNode metrics = caller.get("/v1/campaigns/" + run.id()).expect(200).data().path("metrics");
        for (String counter : List.of("opened", "clicked", "totalOpens", "totalClicks", "machineOpens",
                "machineClicks")) {
            assertThat(metrics.path(counter).asInt()).as(counter).isZero();
        }
        assertThat(caller.get("/v1/campaigns/" + run.id() + "/activity").expect(200).data()
                .path("pagination").path("total").asInt()).isZero();
        assertThat(caller.get("/v1/campaigns/" + other.id() + "/activity").expect(200).data()
                .path("pagination").path("total").asInt()).isZero();
        // The real ones still work; a link with placeholders leads where the recipient's own would.
        assertPixel(fetch("GET", message.pixel(), BROWSER));
        assertRedirect(fetch("GET", message.links().get("Offer"), BROWSER), OFFER);
        assertRedirect(fetch("GET", message.links().get("Yours"), BROWSER),
                "https://shop.example.com/p?who=" + run.emails().get(0) + "&n=Reader0");
    }

    @Test
    void withoutTrackingMessagesHaveNoPixelAndTheirLinksAsWritten() {
        CampaignRun untracked = CampaignRun.create(caller, smtp, 1, Map.of("html", HTML, "trackingOpen", false,
                "trackingClick", false));
        CampaignRun opensOnly = CampaignRun.create(caller, smtp, 1, Map.of("html", HTML, "trackingClick", false));
        untracked.control(caller, "send").expect(200);
        opensOnly.control(caller, "send").expect(200);
        untracked.awaitStatus("sent", WAIT);
        opensOnly.awaitStatus("sent", WAIT);

        Message plain = messages(untracked).values().iterator().next();
        assertThat(plain.pixel()).isNull();
        assertThat(plain.links()).containsEntry("Offer", OFFER).containsEntry("Blog", BLOG)
                .containsEntry("Help", "mailto:help@example.com");
        Message opens = messages(opensOnly).values().iterator().next();
        assertThat(opens.pixel()).startsWith("http://localhost:8080/t/o/");
        assertThat(opens.links()).containsEntry("Offer", OFFER).containsEntry("Blog", BLOG);
        assertThat(caller.get("/v1/campaigns/" + untracked.id() + "/links").expect(200).data().path("links"))
                .isEmpty();
    }

    /**
     * A recipient replays their pixel 1,000 times: past the link's burst every fetch is a 429, and of
     * those answered only the allowance per delivery is recorded, counted and sent as a webhook.
     */
    @Test
    void replayingOnePixelAThousandTimesRecordsAtMostTheDeliverysAllowance() {
        String url = receiver.newEndpoint();
        String hook = caller.post("/v1/webhooks", Map.of("url", url, "events", List.of("email.opened")))
                .expect(201).data().path("id").asString();
        CampaignRun run = CampaignRun.create(caller, smtp, 1, Map.of("html", HTML, "text", ""));
        run.control(caller, "send").expect(200);
        run.awaitStatus("sent", WAIT);
        String pixel = messages(run).values().iterator().next().pixel();
        clock.advance(Duration.ofMinutes(5));
        HttpClient recipient = HttpClient.newBuilder().localAddress(Api.loopbackAddressOfItsOwn()).build();

        Map<Integer, Long> statuses = IntStream.range(0, 1_000)
                .mapToObj(i -> fetch(recipient, "GET", pixel, BROWSER).statusCode())
                .collect(Collectors.groupingBy(status -> status, Collectors.counting()));

        assertThat(statuses.keySet()).containsExactlyInAnyOrder(200, 429);
        assertThat(statuses.get(200)).as("answered").isBetween((long) perTokenBurst, perTokenBurst + 10L);
        JsonNode metrics = caller.get("/v1/campaigns/" + run.id()).expect(200).data().path("metrics");
        assertThat(metrics.path("opened").asInt()).isEqualTo(1);
        assertThat(metrics.path("totalOpens").asInt()).isEqualTo(eventsPerDelivery);
        assertThat(caller.get("/v1/campaigns/" + run.id() + "/activity").expect(200).data().path("pagination")
                .path("total").asInt()).isEqualTo(eventsPerDelivery);
        assertThat(caller.get("/v1/webhooks/" + hook + "/deliveries").expect(200).data().path("pagination")
                .path("total").asInt()).as("webhook outbox rows").isEqualTo(eventsPerDelivery);
    }

    /** One address fetching many links, or any address fetching one unsubscribe page, meets a 429 too. */
    @Test
    void anAddressAndAnUnsubscribeLinkAreThrottledToo() {
        HttpClient scanner = HttpClient.newBuilder().localAddress(Api.loopbackAddressOfItsOwn()).build();
        List<Integer> statuses = IntStream.range(0, 1_000)
                .mapToObj(i -> fetch(scanner, "GET", "http://localhost/t/o/not-a-token-" + i, BROWSER).statusCode())
                .toList();
        assertThat(statuses.subList(0, perAddressBurst)).containsOnly(404);
        assertThat(statuses).contains(429);

        CampaignRun run = CampaignRun.create(caller, smtp, 1, Map.of("html", HTML, "text", ""));
        run.control(caller, "send").expect(200);
        run.awaitStatus("sent", WAIT);
        String unsubscribe = messages(run).values().iterator().next().links().get("Unsubscribe");
        List<HttpResponse<String>> pages = IntStream.range(0, perTokenBurst + 5)
                .mapToObj(i -> fetch(HttpClient.newBuilder().localAddress(Api.loopbackAddressOfItsOwn()).build(),
                        "GET", unsubscribe, BROWSER)).toList();
        assertThat(pages.subList(0, perTokenBurst)).allSatisfy(page -> assertThat(page.statusCode()).isEqualTo(200));
        HttpResponse<String> refused = pages.getLast();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("Too many requests for this link");
    }

    /** Opens and clicks older than the retention are deleted by the hourly pass; newer ones stay. */
    @Test
    void opensAndClicksOlderThanTheRetentionAreDeleted() {
        CampaignRun run = CampaignRun.create(caller, smtp, 1, Map.of("html", HTML, "text", ""));
        run.control(caller, "send").expect(200);
        run.awaitStatus("sent", WAIT);
        clock.advance(Duration.ofMinutes(5));
        assertPixel(fetch("GET", messages(run).values().iterator().next().pixel(), BROWSER));
        jdbc.sql("""
                insert into tracking_event (workspace_id, campaign_id, delivery_id, contact_id, step, kind,
                    occurred_at, machine)
                select workspace_id, campaign_id, id, contact_id, step, 'open', :long_ago, false
                from delivery where campaign_id = :campaign""")
                .param("long_ago", Timestamps.toDb(clock.instant().minus(Duration.ofDays(365)).plus(Duration.ofHours(1))))
                .param("campaign", java.util.UUID.fromString(run.id()))
                .update();
        // An hour inside the retention, so a pass that runs now keeps it; two hours on, it is older.
        assertThat(activity(run)).isEqualTo(2);

        clock.advance(Duration.ofHours(2));
        Eventually.await("the year-old open deleted", WAIT, () -> activity(run), total -> total == 1);
    }

    private int activity(CampaignRun run) {
        return caller.get("/v1/campaigns/" + run.id() + "/activity").expect(200).data().path("pagination")
                .path("total").asInt();
    }

    /**
     * Audit finding 2: a tracked link's placeholders are rendered on the public redirect, for
     * anyone who has the link. One that would loop a billion times for its recipient (hidden from
     * the check when the campaign was written, which renders for a contact without an address)
     * answers a 404 at once and records nothing; before the sandbox the request ran for minutes.
     */
    @Test
    void aTrackedLinkWhosePlaceholdersWouldLoopABillionTimesAnswersAtOnceAndRecordsNothing() {
        String thousand = IntStream.range(0, 1000).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
        String bomb = "https://shop.example.com/x{% if email != '' %}{% for a in " + thousand + " %}{% for b in "
                + thousand + " %}{% for c in " + thousand + " %}{% endfor %}{% endfor %}{% endfor %}{% endif %}";
        CampaignRun run = CampaignRun.create(caller, smtp, 1, Map.of("html", "<p><a href=\"" + bomb + "\">Bomb</a></p>",
                "text", "Hi"));
        run.control(caller, "send").expect(200);
        run.awaitStatus("sent", WAIT);
        clock.advance(Duration.ofMinutes(5));

        long started = System.nanoTime();
        HttpResponse<String> click = fetch("GET", messages(run).values().iterator().next().links().get("Bomb"), BROWSER);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(click.statusCode()).isEqualTo(404);
        assertThat(caller.get("/v1/campaigns/" + run.id()).expect(200).data().path("metrics").path("totalClicks")
                .asInt()).isZero();
    }

    /** Each received message of the run, by recipient, read from its HTML part. */
    private static Map<String, Message> messages(CampaignRun run) {
        Map<String, Message> messages = new LinkedHashMap<>();
        run.received().forEach(received -> {
            Document html = Jsoup.parse(ReceivedMail.text(ReceivedMail.part(ReceivedMail.parse(received.data()), 1)));
            Element pixel = html.selectFirst("img[width=1][height=1]");
            messages.put(received.recipient(), new Message(pixel == null ? null : pixel.attr("src"),
                    html.select("a[href]").stream().collect(Collectors.toMap(Element::text, a -> a.attr("href")))));
        });
        return messages;
    }

    private HttpResponse<String> fetch(String method, String link, String userAgent) {
        return fetch(HTTP, method, link, userAgent);
    }

    /** From a client of the test's choosing, e.g. one on a loopback address of its own. */
    private HttpResponse<String> fetch(HttpClient client, String method, String link, String userAgent) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + ReceivedMail.path(link)))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("User-Agent", userAgent)
                .timeout(Duration.ofSeconds(10)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void assertPixel(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("image/gif");
        assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
    }

    private static void assertRedirect(HttpResponse<String> response, String target) {
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).contains(target);
        assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    }

    /** The token with its character at {@code index} replaced by another. */
    private static String altered(String token, int index) {
        char replacement = token.charAt(index) == 'A' ? 'B' : 'A';
        return token.substring(0, index) + replacement + token.substring(index + 1);
    }
}

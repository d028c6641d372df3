package io.crier.compat.blueshift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Eventually;
import io.crier.support.ReceivedMail;
import io.crier.support.Reply;
import io.crier.support.Rounds;
import io.micrometer.core.instrument.MeterRegistry;

import tools.jackson.databind.JsonNode;

/**
 * Blueshift's campaign API, request by request and error by error as its reference pages and the
 * vendor reference describe them, against a running Crier that really sends (to its loopback
 * capture server, read back through the dev inbox). The same campaigns are watched through the
 * native API, whose view and counts must agree.
 */
@CrierApiTest
class BlueshiftApiTest {

    static final String V1 = "/blueshift/api/v1/campaigns";
    static final String LIST = "/blueshift/api/v2/campaigns.json";
    static final String TEST_SEND = "/blueshift/api/v1/email_templates/test_send.json";

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    Api api;
    /** The workspace's key on the native API (Bearer). */
    Caller crier;
    /** The same key as Blueshift clients send it (Basic). */
    Caller blueshift;
    String tag;
    String template;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
        crier = api.newWorkspace();
        blueshift = crier.basic();
        tag = UUID.randomUUID().toString().substring(0, 8);
        template = crier.post("/v1/templates", """
                {"name": "Blueshift template", "subject": "Hello {{ firstName }}",
                 "html": "<p>Hi {{ firstName }}</p>", "text": "Hi {{ firstName }}"}""").expect(201)
                .data().path("id").asString();
    }

    @Test
    void aOneTimeCampaignLaunchedOnCreateMailsTheSegmentAndItsCountsAgreeWithTheNativeView() {
        List<String> emails = emails(3);
        String segment = Audiences.list(crier, emails);

        JsonNode created = oneTime(Map.of("name", "Spring sale", "startdate", "2020-01-01T00:00:00.000Z",
                "segment_uuid", segment, "triggers", List.of(Map.of("template_uuid", template,
                        "from_address", "sale@crier.test", "from_name", "Sale"))))
                .expect(200).json();
        assertThat(created.propertyNames()).containsExactly("campaign");
        JsonNode campaign = created.path("campaign");
        String uuid = campaign.path("uuid").asString();
        assertThat(campaign.path("name").asString()).isEqualTo("Spring sale");
        assertThat(campaign.path("status").asString()).isEqualTo("launched");
        assertThat(campaign.path("archived").asBoolean(true)).isFalse();
        assertThat(campaign.path("exec_term").asString()).isEqualTo("one_time");
        assertThat(campaign.path("segment_uuid").asString()).isEqualTo(segment);
        assertThat(campaign.path("segment_name").asString()).isEqualTo("audience 3");
        assertThat(campaign.path("template_uuid").asString()).isEqualTo(template);
        assertThat(campaign.has("startdate") && campaign.has("created_at") && campaign.has("updated_at")).isTrue();

        Reply sent = Eventually.status(crier, uuid, "sent");
        JsonNode inbox = crier.get("/v1/dev/inbox").expect(200).data();
        assertThat(inbox.path("messages").valueStream().map(m -> m.path("to").get(0).asString()))
                .containsExactlyInAnyOrderElementsOf(emails);
        assertThat(inbox.path("messages").valueStream().map(m -> m.path("from").asString())).containsOnly("sale@crier.test");
        assertThat(inbox.path("messages").valueStream().map(m -> m.path("subject").asString()))
                .allMatch(subject -> subject.startsWith("Hello Reader"));

        JsonNode shown = blueshift.get(V1 + "/" + uuid + ".json").expect(200).json().path("campaign");
        assertThat(shown.path("status").asString()).isEqualTo("completed");
        assertThat(shown.has("statistics")).isFalse();
        JsonNode detail = blueshift.get(V1 + "/" + uuid + "/detail.json?start_time=2020-01-01T00:00:00.000Z"
                + "&end_time=2030-01-01T00:00:00.000Z").expect(200).json().path("campaign");
        assertThat(detail.path("uuid").asString()).isEqualTo(uuid);
        JsonNode statistics = detail.path("statistics");
        assertThat(statistics.propertyNames()).containsExactlyInAnyOrder("sends", "deliveries", "opens",
                "unique_opens", "clicks", "unique_clicks", "bounces", "unsubscribes", "spam_reports");
        JsonNode metrics = sent.data().path("metrics");
        assertThat(statistics.path("sends").asLong()).isEqualTo(3).isEqualTo(metrics.path("sent").asLong());
        assertThat(statistics.path("deliveries").asLong()).isEqualTo(metrics.path("delivered").asLong());
        assertThat(statistics.path("bounces").asLong()).isEqualTo(metrics.path("bounced").asLong()).isZero();
        assertThat(statistics.path("opens").asLong()).isEqualTo(metrics.path("opened").asLong());
        assertThat(statistics.path("clicks").asLong()).isEqualTo(metrics.path("clicked").asLong());
    }

    @Test
    void aDraftKeepsItsStartDateAndTheConfiguredSenderUntilLaunchStartsIt() {
        List<String> emails = emails(2);
        String startdate = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS).toString();
        JsonNode campaign = oneTime(Map.of("name", "Later", "startdate", startdate, "launch", false,
                "segment_uuid", Audiences.list(crier, emails), "triggers", List.of(Map.of("template_uuid", template))))
                .expect(200).json().path("campaign");
        String uuid = campaign.path("uuid").asString();
        assertThat(campaign.path("status").asString()).isEqualTo("draft");
        assertThat(Instant.parse(campaign.path("startdate").asString())).isEqualTo(Instant.parse(startdate));
        JsonNode asNative = crier.get("/v1/campaigns/" + uuid).expect(200).data();
        assertThat(asNative.path("status").asString()).isEqualTo("draft");
        assertThat(asNative.path("from").path("email").asString()).isEqualTo("blueshift@crier.test");
        assertThat(asNative.path("from").path("name").asString()).isEqualTo("Blueshift default");

        assertThat(blueshift.patch(V1 + "/" + uuid + "/pause", null).expect(200).json().path("status").asString())
                .as("pausing a draft changes nothing").isEqualTo("draft");
        JsonNode launched = blueshift.patch(V1 + "/" + uuid + "/launch", null).expect(200).json();
        assertThat(launched.propertyNames()).containsExactly("uuid", "status", "updated_at");
        assertThat(launched.path("uuid").asString()).isEqualTo(uuid);
        assertThat(launched.path("status").asString()).isEqualTo("launched");
        Instant.parse(launched.path("updated_at").asString());

        Eventually.status(crier, uuid, "sent");
        assertThat(crier.get("/v1/dev/inbox").expect(200).data().path("total").asInt()).isEqualTo(2);
        expectMessage(blueshift.patch(V1 + "/" + uuid + "/launch", null), 422, "completed");
        expectMessage(blueshift.patch(V1 + "/" + uuid + "/pause", null), 422, "completed");
    }

    @Test
    void pauseStopsSendingAndLaunchResumesWhereItLeftOffAsTheNativeApiSeesIt() {
        List<String> emails = emails(8);
        String uuid = oneTime(Map.of("name", "Drip", "launch", false, "segment_uuid", Audiences.list(crier, emails),
                "triggers", List.of(Map.of("template_uuid", template)))).expect(200).json()
                .path("campaign").path("uuid").asString();
        crier.patch("/v1/campaigns/" + uuid, """
                {"sendMode": "gradual", "gradual": {"perMinute": 60}}""").expect(200);

        blueshift.patch(V1 + "/" + uuid + "/launch", null).expect(200);
        Eventually.await("the first message", Duration.ofSeconds(30), this::inbox, count -> count >= 1);
        JsonNode paused = blueshift.patch(V1 + "/" + uuid + "/pause", null).expect(200).json();
        assertThat(paused.propertyNames()).containsExactly("uuid", "status", "updated_at");
        assertThat(paused.path("uuid").asString()).isEqualTo(uuid);
        assertThat(paused.path("status").asString()).isEqualTo("paused");
        awaitNothingClaimed(uuid);
        int whenPaused = inbox();
        // At 60 a minute a send falls due within a second: a dispatcher round after it would claim it.
        Rounds.of(registry).awaitFullRoundAfter(Rounds.DISPATCHER, Instant.now().plusSeconds(1));
        awaitNothingClaimed(uuid);
        assertThat(inbox()).as("mail after the pause settled").isEqualTo(whenPaused).isLessThan(emails.size());

        JsonNode again = blueshift.patch(V1 + "/" + uuid + "/pause", null).expect(200).json();
        assertThat(again).as("pausing a paused campaign changes nothing").isEqualTo(paused);
        assertThat(crier.get("/v1/campaigns/" + uuid).expect(200).data().path("status").asString()).isEqualTo("paused");
        assertThat(blueshift.get(V1 + "/" + uuid + ".json").expect(200).json().path("campaign").path("status")
                .asString()).isEqualTo("paused");

        assertThat(blueshift.patch(V1 + "/" + uuid + "/launch", null).expect(200).json().path("status").asString())
                .isEqualTo("launched");
        Reply sent = Eventually.status(crier, uuid, "sent");
        JsonNode inbox = crier.get("/v1/dev/inbox").expect(200).data();
        assertThat(inbox.path("messages").valueStream().map(m -> m.path("to").get(0).asString()))
                .as("every recipient exactly once").containsExactlyInAnyOrderElementsOf(emails);
        JsonNode statistics = blueshift.get(V1 + "/" + uuid + "/detail.json").expect(200).json()
                .path("campaign").path("statistics");
        assertThat(statistics.path("sends").asLong()).isEqualTo(emails.size())
                .isEqualTo(sent.data().path("metrics").path("sent").asLong());
    }

    @Test
    void archivedCampaignsCannotBePausedOrLaunchedUntilUnarchivedAndArchivingALaunchedOneStopsItFirst() {
        String uuid = draft("Archive me");
        assertThat(blueshift.put(V1 + "/" + uuid + "/archive", null).expect(200).json())
                .isEqualTo(Api.JSON.readTree("{\"archived\": true}"));
        assertThat(blueshift.put(V1 + "/" + uuid + "/archive", null).expect(200).json().path("archived").asBoolean())
                .isTrue();
        assertThat(blueshift.get(V1 + "/" + uuid + ".json").expect(200).json().path("campaign").path("archived")
                .asBoolean()).isTrue();
        assertThat(crier.get("/v1/campaigns/" + uuid).expect(200).data().path("archived").asBoolean()).isTrue();
        expectMessage(blueshift.patch(V1 + "/" + uuid + "/pause", null), 422, "archived");
        expectMessage(blueshift.patch(V1 + "/" + uuid + "/launch", null), 422, "archived");

        assertThat(blueshift.put(V1 + "/" + uuid + "/unarchive", null).expect(200).json())
                .isEqualTo(Api.JSON.readTree("{\"archived\": false}"));
        assertThat(blueshift.patch(V1 + "/" + uuid + "/launch", null).expect(200).json().path("status").asString())
                .isEqualTo("launched");

        String tomorrow = scheduled("Tomorrow");
        expectMessage(blueshift.patch(V1 + "/" + tomorrow + "/launch", null), 422, "already launched");
        assertThat(blueshift.put(V1 + "/" + tomorrow + "/archive", null).expect(200).json().path("archived")
                .asBoolean()).isTrue();
        JsonNode stopped = crier.get("/v1/campaigns/" + tomorrow).expect(200).data();
        assertThat(stopped.path("status").asString()).as("archiving a launched campaign pauses it").isEqualTo("paused");
        assertThat(stopped.path("archived").asBoolean()).isTrue();
        assertThat(stopped.path("pausedAt").isString()).isTrue();
        expectMessage(blueshift.patch(V1 + "/" + tomorrow + "/launch", null), 422, "archived");
        blueshift.put(V1 + "/" + tomorrow + "/unarchive", null).expect(200);
        assertThat(blueshift.get(V1 + "/" + tomorrow + ".json").expect(200).json().path("campaign").path("status")
                .asString()).isEqualTo("paused");

        String paused = scheduled("Paused, then archived");
        blueshift.patch(V1 + "/" + paused + "/pause", null).expect(200);
        assertThat(blueshift.put(V1 + "/" + paused + "/archive", null).expect(200).json().path("archived")
                .asBoolean()).isTrue();
        blueshift.put(V1 + "/" + paused + "/unarchive", null).expect(200);
        assertThat(blueshift.patch(V1 + "/" + paused + "/launch", null).expect(200).json().path("status").asString())
                .as("launch resumes it").isEqualTo("launched");
    }

    @Test
    void thePerformanceSummaryListsTheCampaignsStartingInTheRangeEachWithItsStatistics() {
        String summary = "/blueshift/api/v1/campaigns.json";
        String inRange = dated("In range", "2031-01-15T00:00:00.000Z");
        String after = dated("After", "2031-03-01T00:00:00.000Z");
        String range = "?start_time=2031-01-01T00:00:00.000Z&end_time=2031-02-01T00:00:00.000Z";

        JsonNode answer = blueshift.get(summary + range).expect(200).json();
        assertThat(answer.propertyNames()).containsExactly("campaigns");
        assertThat(uuids(answer.path("campaigns"))).containsExactly(inRange);
        JsonNode campaign = answer.path("campaigns").path(0);
        assertThat(campaign.path("status").asString()).isEqualTo("draft");
        assertThat(campaign.path("campaign_executing").isBoolean()).isTrue();
        assertThat(campaign.path("statistics")).isEqualTo(blueshift.get(V1 + "/" + inRange + "/detail.json")
                .expect(200).json().path("campaign").path("statistics"));
        assertThat(uuids(blueshift.get(summary + "?start_time=2031-01-01T00:00:00.000Z").expect(200).json()
                .path("campaigns"))).containsExactly(inRange, after);
        assertThat(uuids(blueshift.get(summary + range + "&status=draft").expect(200).json().path("campaigns")))
                .containsExactly(inRange);
        assertThat(blueshift.get(summary + range + "&status=launched").expect(200).json().path("campaigns").isEmpty())
                .isTrue();
        assertThat(blueshift.get(summary + range + "&tag_data=spring").expect(200).json().path("campaigns").isEmpty())
                .as("Crier keeps no tags").isTrue();
        assertThat(uuids(api.newWorkspace().basic().get(summary + range).expect(200).json().path("campaigns")))
                .as("another workspace's summary").isEmpty();

        expectFieldError(blueshift.get(summary + "?start_time=soon"), "start_time");
        expectFieldError(blueshift.get(summary + "?start_time=2031-02-01T00:00:00.000Z&end_time=2031-01-01T00:00:00.000Z"),
                "end_time");
        expectFieldError(blueshift.get(summary + "?status=running"), "status");
        expectFieldError(blueshift.get(summary + "?per_page=0"), "per_page");
    }

    @Test
    void updateScheduleMovesTheStartOfACampaignThatHasNotBegunSendingAndRefusesRecurringOnes() {
        String draft = draft("Reschedule me");
        String later = "2031-05-01T09:30:00.000Z";
        assertThat(blueshift.patch(V1 + "/" + draft + "/update_schedule", Map.of("startdate", later,
                "enddate", "2031-05-02T00:00:00.000Z")).expect(200).json())
                .isEqualTo(Api.JSON.readTree("{\"success\": true}"));
        assertThat(Instant.parse(blueshift.get(V1 + "/" + draft + ".json").expect(200).json().path("campaign")
                .path("startdate").asString())).isEqualTo(Instant.parse(later));

        String tomorrow = scheduled("Tomorrow, then later");
        blueshift.patch(V1 + "/" + tomorrow + "/update_schedule", Map.of("startdate", later)).expect(200);
        JsonNode moved = crier.get("/v1/campaigns/" + tomorrow).expect(200).data();
        assertThat(Instant.parse(moved.path("scheduledAt").asString())).isEqualTo(Instant.parse(later));
        assertThat(moved.path("status").asString()).isEqualTo("scheduled");
        expectMessage(key("write").patch(V1 + "/" + tomorrow + "/update_schedule", Map.of("startdate", later)), 403,
                "'send'");

        expectMessage(blueshift.patch(V1 + "/" + draft + "/update_schedule", Map.of("startdate", later,
                "recurring_schedule", "daily")), 422, "recurring_schedule");
        expectMessage(blueshift.patch(V1 + "/" + draft + "/update_schedule", Map.of("startdate", later,
                "repeating_schedule_attributes", Map.of("interval_size", 1, "interval_unit", "week"))), 422,
                "repeating_schedule_attributes");
        expectFieldError(blueshift.patch(V1 + "/" + draft + "/update_schedule", Map.of("enddate", later)),
                "startdate");
        expectFieldError(blueshift.patch(V1 + "/" + draft + "/update_schedule", Map.of("startdate", later,
                "enddate", "2031-04-01T00:00:00.000Z")), "enddate");
        expectMessage(blueshift.patch(V1 + "/" + UUID.randomUUID() + "/update_schedule", Map.of("startdate", later)),
                404, "Campaign not found");
        blueshift.put(V1 + "/" + draft + "/archive", null).expect(200);
        expectMessage(blueshift.patch(V1 + "/" + draft + "/update_schedule", Map.of("startdate", later)), 422,
                "archived");
    }

    @Test
    void bulkArchiveAndUnarchiveSortEachCampaignIntoSuccessfulNoChangeBlockedOrFailed() {
        String draft = draft("Bulk draft");
        String archived = draft("Bulk archived");
        blueshift.put(V1 + "/" + archived + "/archive", null).expect(200);
        String launched = scheduled("Bulk launched");
        String theirs = draft(api.newWorkspace(), "Not yours");
        String unknown = UUID.randomUUID().toString();

        JsonNode result = blueshift.put(V1 + "/bulk_archive", Map.of("uuid",
                List.of(draft, archived, launched, theirs, unknown, "not-a-uuid", draft))).expect(200).json();
        assertThat(result.propertyNames()).containsExactlyInAnyOrder("successful", "no_change", "blocked", "failed");
        assertThat(result.path("successful")).isEqualTo(Api.JSON.readTree("[{\"uuid\": \"" + draft
                + "\", \"name\": \"Bulk draft\"}, {\"uuid\": \"" + launched + "\", \"name\": \"Bulk launched\"}]"));
        assertThat(strings(result.path("no_change"))).containsExactly(archived);
        assertThat(result.path("blocked").isEmpty()).as("a launched campaign is stopped and archived").isTrue();
        assertThat(strings(result.path("failed"))).containsExactly(theirs, unknown, "not-a-uuid");

        JsonNode back = blueshift.put(V1 + "/bulk_unarchive", Map.of("uuid", List.of(draft, archived, theirs)))
                .expect(200).json();
        assertThat(back.path("successful").valueStream().map(n -> n.path("uuid").asString()))
                .containsExactly(draft, archived);
        assertThat(strings(back.path("failed"))).containsExactly(theirs);
        assertThat(strings(blueshift.put(V1 + "/bulk_unarchive", Map.of("uuid", List.of(draft))).expect(200).json()
                .path("no_change"))).containsExactly(draft);

        List<String> tooMany = IntStream.range(0, 101).mapToObj(i -> UUID.randomUUID().toString()).toList();
        expectFieldError(blueshift.put(V1 + "/bulk_archive", Map.of("uuid", tooMany)), "uuid");
        expectFieldError(blueshift.put(V1 + "/bulk_unarchive", Map.of("uuid", List.of())), "uuid");
        expectFieldError(blueshift.put(V1 + "/bulk_archive", "{}"), "uuid");
    }

    @Test
    void theListIsABareArrayFilteredAndPagedAsBlueshiftDocumentsIt() {
        String old = oneTime(Map.of("name", "Old " + tag, "launch", false,
                "startdate", Instant.now().minus(Duration.ofDays(40)).toString(), "segment_uuid", segment(),
                "triggers", List.of(Map.of("template_uuid", template)))).expect(200).json()
                .path("campaign").path("uuid").asString();
        String fresh = draft("Fresh " + tag);
        String launched = scheduled("Launched " + tag);
        String archived = draft("Archived " + tag);
        blueshift.put(V1 + "/" + archived + "/archive", null).expect(200);
        String nativeDraft = crier.post("/v1/campaigns", "{\"name\": \"Native " + tag + "\"}").expect(201)
                .data().path("id").asString();

        JsonNode all = blueshift.get(LIST).expect(200).json();
        assertThat(all.isArray()).isTrue();
        assertThat(uuids(all)).as("without startdate: the last 30 days, and drafts with no start date")
                .containsExactly(fresh, launched, archived, nativeDraft);
        JsonNode item = all.get(0);
        for (String field : List.of("name", "status", "startdate", "created_at", "updated_at", "uuid", "exec_term",
                "next_execution_scheduled_at", "archived", "holdout_percentage", "segment_uuid", "segment_name",
                "author", "email", "prioritization_label")) {
            assertThat(item.has(field)).as("list item field %s", field).isTrue();
        }
        assertThat(uuids(blueshift.get(LIST + "?startdate=2000-01-01T00:00:00.000Z").expect(200).json()))
                .containsExactly(old, fresh, launched, archived);
        assertThat(uuids(blueshift.get(LIST + "?name=fresh").expect(200).json())).containsExactly(fresh);
        assertThat(uuids(blueshift.get(LIST + "?status=launched").expect(200).json())).containsExactly(launched);
        assertThat(uuids(blueshift.get(LIST + "?status=draft&archived=false").expect(200).json()))
                .containsExactly(fresh, nativeDraft);
        assertThat(uuids(blueshift.get(LIST + "?archived=true").expect(200).json())).containsExactly(archived);
        assertThat(uuids(blueshift.get(LIST + "?exec_term=one_time&per_page=2&page=2").expect(200).json()))
                .containsExactly(archived, nativeDraft);
        assertThat(uuids(blueshift.get(LIST + "?created_after=" + Instant.now().plus(Duration.ofHours(1)))
                .expect(200).json())).isEmpty();
        assertThat(uuids(blueshift.get(LIST + "?created_before=" + Instant.now().plus(Duration.ofHours(1)))
                .expect(200).json())).hasSize(4);
        assertThat(uuids(blueshift.get(LIST + "?exec_term=transactional").expect(200).json())).isEmpty();
        assertThat(uuids(blueshift.get(LIST + "?email=author@crier.test").expect(200).json())).isEmpty();

        expectFieldError(blueshift.get(LIST + "?status=running"), "status");
        expectFieldError(blueshift.get(LIST + "?exec_term=weekly"), "exec_term");
        expectFieldError(blueshift.get(LIST + "?per_page=101"), "per_page");
        expectFieldError(blueshift.get(LIST + "?page=0"), "page");
        expectFieldError(blueshift.get(LIST + "?archived=yes"), "archived");
        expectFieldError(blueshift.get(LIST + "?created_after=yesterday"), "created_after");
    }

    /**
     * Transactional mail runs as hidden campaigns of the engine; the listing shows campaigns only, as
     * GET does. Listed without a start date too, which takes in campaigns that have none.
     */
    @Test
    void theListLeavesOutTheHiddenCampaignsOfTransactionalMail() {
        String transactional = crier.post("/v1/mails/send", """
                {"from": {"email": "news@example.com"}, "to": {"email": "receipt@example.org"}, "subject": "Receipt",
                 "text": "Thanks"}""").expect(201).data().path("batchId").asString();
        String campaign = oneTime(Map.of("name", "Shown", "launch", false, "segment_uuid",
                Audiences.list(crier, emails(1)), "triggers", List.of(Map.of("template_uuid", template))))
                .expect(200).json().path("campaign").path("uuid").asString();

        assertThat(blueshift.get(V1 + "/" + transactional + ".json").status()).isEqualTo(404);
        for (String query : List.of("", "?startdate=2000-01-01T00:00:00.000Z")) {
            assertThat(blueshift.get(LIST + query).expect(200).json().valueStream()
                    .map(listed -> listed.path("uuid").asString())).as("listed%s", query).containsExactly(campaign);
        }
    }

    /** A trigger's sender goes into the From header and MAIL FROM: only an address mail is sent from, on one line. */
    @Test
    void aTriggersSenderMustBeAnAddressMailIsSentFromWithANameOnOneLine() {
        Map<String, String> unsendable = Map.of("from_address", "\"x>,<https://evil.example\"@example.org",
                "reply_to_address", "a@[127.0.0.1]", "from_name", "News\r\nBcc: all@evil.example");
        unsendable.forEach((field, value) -> {
            Map<String, Object> trigger = Map.of("template_uuid", template, field, value);
            expectFieldError(oneTime(Map.of("name", "Unsendable", "launch", false, "segment_uuid", segment(),
                    "triggers", List.of(trigger))), "triggers[0]." + field);
        });
        assertThat(blueshift.get(LIST + "?startdate=2000-01-01T00:00:00.000Z").expect(200).json()).isEmpty();
    }

    @Test
    void authenticationIsBasicWithTheKeyAsUserNameAndEveryScopeIsChecked() {
        String uuid = draft("Guarded");
        String path = V1 + "/" + uuid + ".json";
        expectMessage(api.anonymous().get(path), 401, "Basic");
        expectMessage(crier.get(path), 401, "Basic");
        expectMessage(api.withKey("crier_not_a_real_key").basic().get(path), 401, "Invalid");
        Reply withPassword = rawAuthorization(path, "Basic " + Base64.getEncoder()
                .encodeToString((crier.key() + ":secret").getBytes(StandardCharsets.UTF_8)));
        expectMessage(withPassword, 401, "empty password");
        expectMessage(rawAuthorization(path, "Basic %%%"), 401, "Basic");

        Caller reader = key("read");
        reader.get(path).expect(200);
        reader.get(LIST).expect(200);
        expectMessage(reader.patch(V1 + "/" + uuid + "/pause", null), 403, "'send'");
        expectMessage(reader.put(V1 + "/" + uuid + "/archive", null), 403, "'write'");
        Caller writer = key("write");
        expectMessage(writer.patch(V1 + "/" + uuid + "/launch", null), 403, "'send'");
        expectMessage(writer.post(V1 + "/one_time", oneTimeBody("Launch needs send", true)), 403, "'send'");
        writer.post(V1 + "/one_time", oneTimeBody("A draft needs write", false)).expect(200);
        expectMessage(key("send").post(V1 + "/one_time", oneTimeBody("Write first", true)), 403, "'write'");
    }

    @Test
    void everyOtherErrorIsAMessageWithTheSeedPagesStatus() {
        String unknown = UUID.randomUUID().toString();
        for (String path : List.of(V1 + "/" + unknown + ".json", V1 + "/" + unknown + "/detail.json")) {
            expectMessage(blueshift.get(path), 404, "Campaign not found");
        }
        expectMessage(blueshift.patch(V1 + "/" + unknown + "/pause", null), 404, "Campaign not found");
        expectMessage(blueshift.patch(V1 + "/not-a-uuid/launch", null), 404, "Campaign not found");
        expectMessage(blueshift.put(V1 + "/" + unknown + "/archive", null), 404, "Campaign not found");
        String theirs = draft(api.newWorkspace(), "Elsewhere");
        expectMessage(blueshift.patch(V1 + "/" + theirs + "/pause", null), 404, "Campaign not found");

        expectFieldError(blueshift.post(V1 + "/one_time", "{}"), "name");
        Map<String, Object> noTrigger = new HashMap<>(oneTimeBody("No trigger", false));
        noTrigger.put("triggers", List.of());
        expectFieldError(blueshift.post(V1 + "/one_time", noTrigger), "triggers");
        Map<String, Object> twoTriggers = new HashMap<>(oneTimeBody("Two triggers", false));
        twoTriggers.put("triggers", List.of(Map.of("template_uuid", template), Map.of("template_uuid", template)));
        expectFieldError(blueshift.post(V1 + "/one_time", twoTriggers), "triggers");
        Map<String, Object> badSegment = new HashMap<>(oneTimeBody("Bad segment", false));
        badSegment.put("segment_uuid", UUID.randomUUID().toString());
        expectFieldError(blueshift.post(V1 + "/one_time", badSegment), "segment_uuid");
        Map<String, Object> badTemplate = new HashMap<>(oneTimeBody("Bad template", false));
        badTemplate.put("triggers", List.of(Map.of("template_uuid", UUID.randomUUID().toString())));
        expectFieldError(blueshift.post(V1 + "/one_time", badTemplate), "triggers[0].template_uuid");
        Map<String, Object> badDate = new HashMap<>(oneTimeBody("Bad date", false));
        badDate.put("startdate", "next week");
        expectFieldError(blueshift.post(V1 + "/one_time", badDate), "startdate");
        expectMessage(blueshift.post(V1 + "/event_triggered", oneTimeBody("Event", false)), 422, "one_time");
        expectFieldError(blueshift.get(V1 + "/" + draft("Timed") + "/detail.json?start_time=soon"), "start_time");
        expectMessage(blueshift.get("/blueshift/api/v1/no_such_thing"), 404, "Not found");
    }

    @Test
    void aTemplateTestSendMailsEachAddressAsTheNativeTestSendDoes() throws Exception {
        crier.post("/v1/contacts", Map.of("email", "zoe@example.org", "firstName", "Zoë")).expect(201);
        crier.post("/v1/suppressions", Map.of("email", "gone@example.org")).expect(200);

        JsonNode sent = blueshift.post(TEST_SEND, Map.of("template_uuid", template,
                "emails", List.of("Zoe@example.org", "gone@example.org"), "email", "new@example.org")).expect(200)
                .json();

        assertThat(sent.path("success").asBoolean()).isTrue();
        assertThat(sent.path("results").valueStream()
                .map(result -> result.path("email").asString() + " " + result.path("status").asString()))
                .containsExactly("zoe@example.org sent", "gone@example.org suppressed", "new@example.org sent");
        Map<String, MimeMessage> received = ReceivedMail.byRecipient(crier);
        assertThat(received).containsOnlyKeys("zoe@example.org", "new@example.org");
        MimeMessage zoe = received.get("zoe@example.org");
        assertThat(zoe.getSubject()).as("personalized as the workspace's contact").isEqualTo("Hello Zoë");
        assertThat(zoe.getFrom()[0].toString()).isEqualTo("Blueshift default <blueshift@crier.test>");
        assertThat(zoe.getMessageID()).as("a test message, as the native test send makes it")
                .endsWith(".test@crier.test>");
        assertThat(received.get("new@example.org").getSubject()).isEqualTo("Hello");

        // A template without a subject is sent with its name as the subject.
        String unnamed = crier.post("/v1/templates", Map.of("name", "Subjectless", "html", "<p>Hi</p>"))
                .expect(201).data().path("id").asString();
        blueshift.post(TEST_SEND, Map.of("template_uuid", unnamed, "email", "plain@example.org")).expect(200);
        assertThat(ReceivedMail.byRecipient(crier).get("plain@example.org").getSubject()).isEqualTo("Subjectless");
    }

    @Test
    void aTemplateTestSendNeedsTheSendScopeATemplateOfTheWorkspaceAndOneToTenAddresses() {
        String theirs = api.newWorkspace().post("/v1/templates", Map.of("name", "Theirs", "html", "<p>Hi</p>"))
                .expect(201).data().path("id").asString();
        Reply forTheirs = blueshift.post(TEST_SEND, Map.of("template_uuid", theirs, "email", "a@example.org"));
        expectMessage(forTheirs, 404, "Template not found");
        assertThat(blueshift.post(TEST_SEND, Map.of("template_uuid", UUID.randomUUID().toString(),
                "email", "a@example.org")).expect(404).body()).isEqualTo(forTheirs.body());
        expectMessage(blueshift.post(TEST_SEND, Map.of("template_uuid", "no-uuid", "email", "a@example.org")), 404,
                "Template not found");

        expectFieldError(blueshift.post(TEST_SEND, Map.of("email", "a@example.org")), "template_uuid");
        expectFieldError(blueshift.post(TEST_SEND, Map.of("template_uuid", template)), "emails");
        expectFieldError(blueshift.post(TEST_SEND, Map.of("template_uuid", template, "emails", emails(11))),
                "emails");
        expectFieldError(blueshift.post(TEST_SEND, Map.of("template_uuid", template, "emails", emails(10),
                "email", "eleventh@example.org")), "emails");
        expectFieldError(blueshift.post(TEST_SEND, Map.of("template_uuid", template, "email", "nope")), "email");
        expectFieldError(blueshift.post(TEST_SEND, Map.of("template_uuid", template,
                "emails", List.of("ok@example.org", "nope"))), "emails[1]");
        expectMessage(key("read", "write").post(TEST_SEND, Map.of("template_uuid", template,
                "email", "a@example.org")), 403, "'send'");
        assertThat(inbox()).as("mail sent by refused test sends").isZero();
    }

    // --- helpers

    private Reply oneTime(Map<String, Object> body) {
        return blueshift.post(V1 + "/one_time", body);
    }

    private Map<String, Object> oneTimeBody(String name, boolean launch) {
        return Map.of("name", name, "launch", launch, "segment_uuid", segment(),
                "triggers", List.of(Map.of("template_uuid", template)));
    }

    private String segment() {
        return Audiences.list(crier, emails(1));
    }

    /** A draft made through Blueshift. */
    private String draft(String name) {
        return oneTime(oneTimeBody(name, false)).expect(200).json().path("campaign").path("uuid").asString();
    }

    /** A draft made through Blueshift, to start at {@code startdate}. */
    private String dated(String name, String startdate) {
        Map<String, Object> body = new HashMap<>(oneTimeBody(name, false));
        body.put("startdate", startdate);
        return oneTime(body).expect(200).json().path("campaign").path("uuid").asString();
    }

    /** A draft of another workspace, made through the native API. */
    private static String draft(Caller other, String name) {
        return other.post("/v1/campaigns", "{\"name\": \"" + name + "\"}").expect(201).data().path("id").asString();
    }

    /** A campaign launched to start tomorrow: launched, sending nothing yet. */
    private String scheduled(String name) {
        Map<String, Object> body = new HashMap<>(oneTimeBody(name, true));
        body.put("startdate", Instant.now().plus(Duration.ofDays(1)).toString());
        return oneTime(body).expect(200).json().path("campaign").path("uuid").asString();
    }

    private Caller key(String... scopes) {
        String key = crier.post("/v1/api-keys", Map.of("name", "limited", "scopes", List.of(scopes))).expect(201)
                .data().path("key").asString();
        return crier.withKey(key).basic();
    }

    private Reply rawAuthorization(String path, String authorization) {
        return api.send("GET", path, null, null, authorization);
    }

    private void awaitNothingClaimed(String uuid) {
        Eventually.await("no claimed delivery", Duration.ofSeconds(30),
                () -> crier.get("/v1/campaigns/" + uuid + "/deliveries?limit=1&status=claimed").expect(200)
                        .data().path("pagination").path("total").asInt(), claimed -> claimed == 0);
    }

    private int inbox() {
        return crier.get("/v1/dev/inbox").expect(200).data().path("total").asInt();
    }

    private List<String> emails(int count) {
        return IntStream.range(0, count).mapToObj(i -> "b" + i + "-" + tag + "-" + UUID.randomUUID()
                .toString().substring(0, 4) + "@example.org").toList();
    }

    /** Blueshift's error: this status and a body that is only {@code {"message": ...}} containing {@code text}. */
    static void expectMessage(Reply reply, int status, String text) {
        reply.expect(status);
        assertThat(reply.json().propertyNames()).as("error body %s", reply.body()).containsExactly("message");
        assertThat(reply.json().path("message").asString()).as("error body %s", reply.body()).contains(text);
    }

    /** Blueshift's validation error: 400 and a body that is only {@code {"errors": {field: [...]}}} naming {@code field}. */
    static void expectFieldError(Reply reply, String field) {
        reply.expect(400);
        assertThat(reply.json().propertyNames()).as("error body %s", reply.body()).containsExactly("errors");
        assertThat(reply.json().path("errors").path(field).isArray()).as("error body %s", reply.body()).isTrue();
        assertThat(reply.json().path("errors").path(field).get(0).asString()).as("error body %s", reply.body())
                .isNotBlank();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static List<String> uuids(JsonNode array) {
        List<String> uuids = new ArrayList<>();
        array.forEach(item -> uuids.add(item.path("uuid").asString()));
        return uuids;
    }
}

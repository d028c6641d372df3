package io.crier.audience;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Segments through {@code /v1/contact-lists}: each kind of field rule, list rules, groups and
 * sub-segments matched against contacts made through the API and previewed with their count;
 * filters refused with the rule's path; hostile values that stay values; and {@code /v1/lists}
 * as it was.
 */
@CrierApiTest
class SegmentApiTest {

    private static final String HOSTILE = "'; drop table contact; --";

    @LocalServerPort
    int port;

    @Autowired
    SegmentCompiler compiler;

    @Autowired
    ListRepository lists;

    @Autowired
    JdbcClient jdbc;

    Caller caller;
    String readers;

    @BeforeEach
    void setUp() {
        caller = Api.at(port).newWorkspace();
        readers = caller.post("/v1/contact-lists", Map.of("name", "Readers")).expect(201).data().path("id").asString();
        contact("ada@example.org", "Ada", Map.of("plan", "pro", "seats", 12, "renews", "2027-03-01"), readers);
        contact("bob@example.org", "Bob", Map.of("plan", "free", "seats", 1, "renews", "2026-11-15"), readers);
        contact("cy@example.org", "Cyrus", Map.of("plan", "pro", "seats", 3), null);
        contact("di@example.net", "Diana", Map.of(), null);
    }

    @Test
    void aSegmentIsCreatedReadPreviewedWithItsCountChangedAndDeleted() {
        Reply created = caller.post("/v1/contact-lists", """
                {"name": "Pro", "type": "segment", "description": "Paying",
                 "filterCriteria": {"match": "all", "rules": [{"field": "customFields.plan", "operator": "equals", "value": "pro"}]}}""")
                .expect(201);
        JsonNode segment = created.data();
        String id = segment.path("id").asString();
        assertThat(created.header("Location")).isEqualTo("/v1/contact-lists/" + id);
        assertThat(segment.path("type").asString()).isEqualTo("segment");
        assertThat(segment.path("filterCriteria").path("rules").get(0).path("value").asString()).isEqualTo("pro");
        assertThat(segment.path("contactCount").asInt()).isEqualTo(2);
        assertThat(segment.path("parentListId").isNull()).isTrue();
        assertThat(caller.get("/v1/contact-lists/" + id).expect(200).data()).isEqualTo(segment);
        assertThat(emails("/v1/contact-lists/" + id + "/contacts")).containsExactlyInAnyOrder("ada@example.org",
                "cy@example.org");
        JsonNode firstPage = caller.get("/v1/contact-lists/" + id + "/contacts?limit=1").expect(200).data();
        assertThat(firstPage.path("contacts")).hasSize(1);
        assertThat(firstPage.path("pagination").path("total").asInt()).isEqualTo(2);

        JsonNode changed = caller.patch("/v1/contact-lists/" + id, """
                {"name": "Pro readers", "parentListId": "%s"}""".formatted(readers)).expect(200).data();
        assertThat(changed.path("name").asString()).isEqualTo("Pro readers");
        assertThat(changed.path("parentListId").asString()).isEqualTo(readers);
        assertThat(changed.path("contactCount").asInt()).as("only the parent's members").isEqualTo(1);
        assertThat(emails("/v1/contact-lists/" + id + "/contacts")).containsExactly("ada@example.org");

        JsonNode all = caller.get("/v1/contact-lists").expect(200).data();
        assertThat(all.path("contactLists").valueStream().map(l -> l.path("type").asString()))
                .containsExactly("list", "segment");
        assertThat(caller.get("/v1/contact-lists?type=segment").expect(200).data().path("contactLists")
                .valueStream().map(l -> l.path("id").asString())).containsExactly(id);
        caller.get("/v1/contact-lists?type=dynamic").expectInvalidField("type");

        caller.delete("/v1/contact-lists/" + id).expect(200);
        caller.get("/v1/contact-lists/" + id).expectError(404, "LIST_NOT_FOUND");
    }

    @Test
    void anUnsavedFilterIsPreviewedWithItsCountByAReadOnlyKeyAndNothingIsSaved() {
        Caller reader = caller.withKey(caller.post("/v1/api-keys", Map.of("name", "reader", "scopes",
                List.of("read"))).expect(201).data().path("key").asString());
        Map<String, Object> pro = filter(field("customFields.plan", "equals", "pro"));

        JsonNode firstPage = reader.post("/v1/contact-lists/preview?limit=1", Map.of("filterCriteria", pro))
                .expect(200).data();
        assertThat(firstPage.path("contacts")).hasSize(1);
        assertThat(firstPage.path("pagination").path("total").asInt()).isEqualTo(2);
        assertThat(previewed(Map.of("filterCriteria", pro, "parentListId", readers)))
                .as("only the parent's members").containsExactly("ada@example.org");

        caller.post("/v1/contact-lists/preview", Map.of("filterCriteria", filter(field("email", "gt", 1))))
                .expectInvalidField("filterCriteria.rules[0].operator");
        caller.post("/v1/contact-lists/preview", Map.of("filterCriteria", pro, "parentListId",
                UUID.randomUUID().toString())).expectInvalidField("parentListId");
        caller.post("/v1/contact-lists/preview", Map.of()).expectInvalidField("filterCriteria");
        assertThat(caller.get("/v1/contact-lists?limit=100").expect(200).data().path("contactLists"))
                .as("only the list made in setUp").hasSize(1);
    }

    @Test
    void fieldRulesCompareEachFieldByItsType() {
        assertMatches(field("email", "equals", "ADA@example.org"), "ada@example.org");
        assertMatches(field("email", "contains", "@EXAMPLE.net"), "di@example.net");
        assertMatches(field("firstName", "startsWith", "d"), "di@example.net");
        assertMatches(field("firstName", "notEquals", "Ada"), "bob@example.org", "cy@example.org", "di@example.net");
        assertMatches(field("firstName", "in", List.of("Bob", "Cyrus")), "bob@example.org", "cy@example.org");
        assertMatches(field("customFields.seats", "gt", 2), "ada@example.org", "cy@example.org");
        assertMatches(field("customFields.seats", "lt", 3), "bob@example.org");
        assertMatches(field("customFields.seats", "equals", 12.0), "ada@example.org");
        assertMatches(field("customFields.seats", "in", List.of(1, 3)), "bob@example.org", "cy@example.org");
        assertMatches(field("customFields.renews", "before", "2027-01-01"), "bob@example.org");
        assertMatches(field("customFields.renews", "after", "2026-12-01T00:00:00Z"), "ada@example.org");
        assertMatches(Map.of("field", "customFields.renews", "operator", "notExists"), "cy@example.org",
                "di@example.net");
        assertMatches(field("customFields.plan", "notEquals", "pro"), "bob@example.org", "di@example.net");
        assertMatches(field("customFields.plan", "contains", "RO"), "ada@example.org", "cy@example.org");
        assertMatches(field("createdAt", "before", "2000-01-01"));
        assertMatches(field("createdAt", "after", "2000-01-01"), "ada@example.org", "bob@example.org",
                "cy@example.org", "di@example.net");
    }

    @Test
    void listRulesGroupsAndSubSegmentsCombine() {
        String pro = segment(Map.of("rules", List.of(field("customFields.plan", "equals", "pro"))), null);
        assertMatches(Map.of("inList", readers), "ada@example.org", "bob@example.org");
        assertMatches(Map.of("inList", readers, "negate", true), "cy@example.org", "di@example.net");
        assertMatches(Map.of("inList", pro, "negate", true), "bob@example.org", "di@example.net");
        String proOutsideReaders = segment(Map.of("match", "all", "rules", List.of(Map.of("inList", pro),
                Map.of("inList", readers, "negate", true))), null);
        assertThat(emails("/v1/contact-lists/" + proOutsideReaders + "/contacts")).containsExactly("cy@example.org");
        String nested = segment(Map.of("match", "any", "rules", List.of(field("firstName", "equals", "Diana"),
                Map.of("match", "all", "rules", List.of(field("customFields.plan", "equals", "free"),
                        field("customFields.seats", "lt", 5))))), null);
        assertThat(emails("/v1/contact-lists/" + nested + "/contacts")).containsExactlyInAnyOrder("di@example.net",
                "bob@example.org");
        String proReaders = segment(Map.of("rules", List.of(Map.of("inList", pro))), readers);
        assertThat(emails("/v1/contact-lists/" + proReaders + "/contacts")).containsExactly("ada@example.org");
        String underASegment = segment(Map.of("rules", List.of(field("firstName", "startsWith", "c"))), pro);
        assertThat(emails("/v1/contact-lists/" + underASegment + "/contacts")).containsExactly("cy@example.org");
    }

    @Test
    void aListRuleAndAParentListCountOnlySubscribedMembers() {
        caller.patch("/v1/lists/" + readers + "/contacts", Map.of("emails", List.of("bob@example.org"),
                "status", "unsubscribed")).expect(200);
        assertMatches(Map.of("inList", readers), "ada@example.org");
        String everyone = segment(filter(Map.of("field", "email", "operator", "exists")), readers);
        assertThat(emails("/v1/contact-lists/" + everyone + "/contacts")).containsExactly("ada@example.org");
    }

    @Test
    void aBadFilterIsRefusedNamingTheRulesPathAndNothingIsWritten() {
        Map<String, Object> good = field("firstName", "equals", "Ada");
        assertRefused(filter(good, Map.of("field", "phone", "operator", "equals", "value", "1")),
                "filterCriteria.rules[1].field");
        assertRefused(filter(good, good, Map.of("field", "email", "operator", "like", "value", "a")),
                "filterCriteria.rules[2].operator");
        assertRefused(filter(field("email", "gt", 1)), "filterCriteria.rules[0].operator");
        assertRefused(filter(field("customFields.seats", "gt", "12")), "filterCriteria.rules[0].value");
        assertRefused(filter(field("createdAt", "before", "yesterday")), "filterCriteria.rules[0].value");
        assertRefused(filter(field("firstName", "in", "Ada")), "filterCriteria.rules[0].value");
        assertRefused(filter(Map.of("field", "email", "operator", "exists", "value", "x")),
                "filterCriteria.rules[0].value");
        assertRefused(filter(Map.of("field", "email", "operator", "equals", "value", "a", "colour", "red")),
                "filterCriteria.rules[0].colour");
        assertRefused(filter(Map.of("event", "forwarded")), "filterCriteria.rules[0].event");
        assertRefused(filter(Map.of("event", "opened", "withinDays", 0)), "filterCriteria.rules[0].withinDays");
        assertRefused(filter(Map.of("event", "opened", "campaignId", "last")), "filterCriteria.rules[0].campaignId");
        assertRefused(filter(Map.of("event", "opened", "negate", "yes")), "filterCriteria.rules[0].negate");
        assertRefused(filter(Map.of("inList", UUID.randomUUID().toString())), "filterCriteria.rules[0].inList");
        assertRefused(filter(Map.of("match", "some", "rules", List.of(good))), "filterCriteria.rules[0].match");
        assertRefused(filter(Map.of("match", "all", "rules", List.of())), "filterCriteria.rules[0].rules");
        assertRefused(filter("not a rule"), "filterCriteria.rules[0]");

        Map<String, Object> deep = Map.of("match", "all", "rules", List.of(good));
        for (int level = 1; level < SegmentFilterReader.MAX_DEPTH; level++) {
            deep = Map.of("match", "all", "rules", List.of(deep));
        }
        segment(deep, null);
        assertRefused(Map.of("match", "all", "rules", List.of(deep)),
                "filterCriteria" + ".rules[0]".repeat(SegmentFilterReader.MAX_DEPTH));
        assertRefused(Map.of("rules", java.util.Collections.nCopies(SegmentFilterReader.MAX_RULES, good)),
                "filterCriteria");

        caller.post("/v1/contact-lists", Map.of("name", "No filter", "type", "segment")).expectInvalidField("filterCriteria");
        caller.post("/v1/contact-lists", Map.of("name", "A list", "filterCriteria", filter(good)))
                .expectInvalidField("filterCriteria");
        caller.post("/v1/contact-lists", Map.of("name", "Odd", "type", "dynamic")).expectInvalidField("type");
        caller.post("/v1/contact-lists", Map.of("name", "Orphan", "type", "segment", "filterCriteria", filter(good),
                "parentListId", UUID.randomUUID().toString())).expectInvalidField("parentListId");
        caller.patch("/v1/contact-lists/" + readers, Map.of("type", "segment")).expectInvalidField("type");
        assertThat(caller.get("/v1/contact-lists?limit=100").expect(200).data().path("contactLists")).hasSize(2);
    }

    @Test
    void aSegmentCannotComeBackToItselfAndWhatASegmentNamesCannotBeDeleted() {
        String first = segment(filter(field("firstName", "equals", "Ada")), null);
        String second = segment(filter(Map.of("inList", first)), null);
        caller.patch("/v1/contact-lists/" + first, Map.of("filterCriteria", filter(Map.of("inList", second))))
                .expectInvalidField("filterCriteria");
        caller.patch("/v1/contact-lists/" + first, Map.of("parentListId", first)).expectInvalidField("filterCriteria");
        assertThat(caller.get("/v1/contact-lists/" + first).expect(200).data().path("filterCriteria").path("rules")
                .get(0).path("field").asString()).isEqualTo("firstName");

        caller.delete("/v1/contact-lists/" + first).expectError(409, "CONFLICT");
        String child = segment(filter(field("firstName", "equals", "Ada")), readers);
        caller.delete("/v1/contact-lists/" + readers).expectError(409, "CONFLICT");
        caller.delete("/v1/contact-lists/" + child).expect(200);
        caller.delete("/v1/contact-lists/" + second).expect(200);
        caller.delete("/v1/contact-lists/" + first).expect(200);
    }

    @Test
    void hostileValuesAreBoundParametersAndMatchOnlyThemselves() {
        contact("eve@example.org", HOSTILE, Map.of(HOSTILE, HOSTILE), null);
        Map<String, Object> filter = Map.of("match", "any", "rules", List.of(
                field("firstName", "equals", HOSTILE),
                field("firstName", "contains", "%' or 1=1 --"),
                field("customFields." + HOSTILE, "in", List.of(HOSTILE, "x')) or ((1=1")),
                field("lastName", "startsWith", "\\' or ''='")));
        String id = segment(filter, null);

        assertThat(emails("/v1/contact-lists/" + id + "/contacts")).containsExactly("eve@example.org");
        AudienceCondition compiled = compiler.members(lists.find(UUID.fromString(caller.workspaceId()),
                UUID.fromString(id)).orElseThrow());
        assertThat(compiled.sql()).doesNotContain("drop", "1=1", "''", "eve").contains(":seg0");
        assertThat(compiled.params().values()).contains(HOSTILE, "%\\%' or 1=1 --%");
        assertThat(jdbc.sql("select count(*) from contact").query(Long.class).single()).isPositive();
    }

    @Test
    void listsKeepTheirOwnApiAndSegmentsHaveNoWrittenMembers() {
        String segment = segment(filter(field("firstName", "equals", "Ada")), null);
        assertThat(caller.get("/v1/lists?limit=100").expect(200).data().path("lists").valueStream()
                .map(l -> l.path("id").asString())).containsExactly(readers);
        JsonNode list = caller.get("/v1/lists/" + readers).expect(200).data();
        assertThat(list.has("type")).as("/v1/lists shows what it showed").isFalse();
        caller.get("/v1/lists/" + segment).expectError(404, "LIST_NOT_FOUND");
        caller.post("/v1/lists/" + segment + "/contacts", Map.of("emails", List.of("bob@example.org")))
                .expectError(404, "LIST_NOT_FOUND");
        caller.post("/v1/contacts", Map.of("email", "new@example.org", "listIds", List.of(segment)))
                .expectInvalidField("listIds[0]");
        assertThat(emails("/v1/contact-lists/" + segment + "/contacts")).containsExactly("ada@example.org");
    }

    @Test
    void campaignsAndBlueshiftsSegmentUuidNameASegmentLikeAList() {
        String segment = segment(filter(field("customFields.plan", "equals", "pro")), null);
        String template = caller.post("/v1/templates", Map.of("name", "T", "subject", "Hi", "html", "<p>Hi</p>"))
                .expect(201).data().path("id").asString();
        JsonNode campaign = caller.basic().post("/blueshift/api/v1/campaigns/one_time", Map.of("name", "Pro news",
                "launch", false, "segment_uuid", segment, "triggers", List.of(Map.of("template_uuid", template,
                        "from_address", "news@crier.test")))).expect(200).json().path("campaign");
        assertThat(campaign.path("segment_uuid").asString()).isEqualTo(segment);
        JsonNode toList = caller.get("/v1/campaigns/" + campaign.path("uuid").asString()).expect(200).data()
                .path("toLists").get(0);
        assertThat(toList.path("type").asString()).isEqualTo("segment");
        assertThat(toList.path("contactCount").asInt()).isEqualTo(2);
        caller.delete("/v1/contact-lists/" + segment).expect(200);
    }

    private void contact(String email, String firstName, Map<String, Object> fields, String listId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("email", email, "firstName", firstName,
                "customFields", fields));
        if (listId != null) {
            body.put("listIds", List.of(listId));
        }
        caller.post("/v1/contacts", body).expect(201);
    }

    private static Map<String, Object> field(String field, String operator, Object value) {
        return Map.of("field", field, "operator", operator, "value", value);
    }

    private static Map<String, Object> filter(Object... rules) {
        return Map.of("match", "all", "rules", List.of(rules));
    }

    private String segment(Map<String, Object> filter, String parent) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "Segment", "type", "segment",
                "filterCriteria", filter));
        if (parent != null) {
            body.put("parentListId", parent);
        }
        return caller.post("/v1/contact-lists", body).expect(201).data().path("id").asString();
    }

    /** The saved segment and the preview of its unsaved filter match these contacts, and only these. */
    private void assertMatches(Map<String, Object> rule, String... emails) {
        String id = segment(filter(rule), null);
        assertThat(emails("/v1/contact-lists/" + id + "/contacts?limit=100")).as("%s", rule)
                .containsExactlyInAnyOrder(emails);
        assertThat(previewed(Map.of("filterCriteria", filter(rule)))).as("preview of %s", rule)
                .containsExactlyInAnyOrder(emails);
        assertThat(caller.get("/v1/contact-lists/" + id).expect(200).data().path("contactCount").asInt())
                .isEqualTo(emails.length);
    }

    private void assertRefused(Map<String, Object> filter, String path) {
        caller.post("/v1/contact-lists", Map.of("name", "Refused", "type", "segment", "filterCriteria", filter))
                .expectInvalidField(path);
    }

    private List<String> previewed(Map<String, Object> body) {
        return caller.post("/v1/contact-lists/preview?limit=100", body).expect(200).data().path("contacts")
                .valueStream().map(c -> c.path("email").asString()).toList();
    }

    private List<String> emails(String path) {
        return caller.get(path).expect(200).data().path("contacts").valueStream()
                .map(c -> c.path("email").asString()).toList();
    }
}

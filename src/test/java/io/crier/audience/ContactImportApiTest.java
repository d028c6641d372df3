package io.crier.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Reply;

import tools.jackson.databind.JsonNode;

@CrierApiTest
class ContactImportApiTest {

    private static final String BOUNDARY = "crier-test-boundary";

    @LocalServerPort
    int port;

    Caller caller;

    @BeforeEach
    void setUp() {
        caller = Api.at(port).newWorkspace();
    }

    /**
     * Twenty of the importer's batches in one call: the paths of a large import (one batch committed
     * after another, the list's count, a row far in) at a fifth of the 100,000 rows it once took,
     * one of the suite's slowest tests on both databases, which proved no more; the size an
     * import may have is crier.limits.import-body-size's.
     */
    @Test
    void csvImportOfTwentyThousandContactsInOneCall() {
        int rows = 20 * ContactImporter.BATCH_SIZE;
        String list = newList("Everyone");
        StringBuilder csv = new StringBuilder("email,first_name,last_name,user_id,plan,company\n");
        for (int i = 0; i < rows; i++) {
            csv.append("Person").append(i).append("@Example.com,First").append(i).append(",Last").append(i)
                    .append(",user-").append(i).append(',').append(i % 3 == 0 ? "pro" : "free")
                    .append(",\"Company number ").append(i).append(", Incorporated\"\n");
        }
        long started = System.nanoTime();
        Reply reply = caller.raw("POST", "/v1/contacts/import?listIds=" + list, "text/csv", csv.toString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("Imported %,d contacts (%,d bytes of CSV) in %,d ms%n", rows, csv.length(), millis);

        JsonNode result = reply.expect(200).data();
        assertThat(result.path("created").asInt()).isEqualTo(rows);
        assertThat(result.path("updated").asInt()).isZero();
        assertThat(result.path("failed").asInt()).isZero();
        assertThat(result.path("failures").size()).isZero();
        assertThat(caller.get("/v1/contacts?limit=1").data().path("pagination").path("total").asInt()).isEqualTo(rows);
        assertThat(caller.get("/v1/lists/" + list).data().path("contactCount").asInt()).isEqualTo(rows);

        JsonNode sample = caller.get("/v1/contacts?email=person12345@example.com").expect(200)
                .data().path("contacts").get(0);
        assertThat(sample.path("firstName").asString()).isEqualTo("First12345");
        assertThat(sample.path("lastName").asString()).isEqualTo("Last12345");
        assertThat(sample.path("userId").asString()).isEqualTo("user-12345");
        assertThat(sample.path("customFields").path("plan").asString()).isEqualTo("pro");
        assertThat(sample.path("customFields").path("company").asString()).isEqualTo("Company number 12345, Incorporated");
        assertThat(sample.path("listIds").get(0).asString()).isEqualTo(list);
    }

    @Test
    void jsonBulkImportsValidRowsAndReportsInvalidOnes() {
        String list = newList("Imported");
        String ownList = newList("Row's own");
        String existing = caller.post("/v1/contacts", """
                {"email": "old@example.com", "firstName": "Old", "lastName": "Timer", "customFields": {"a": 1}}""")
                .expect(201).data().path("id").asString();

        JsonNode result = caller.post("/v1/contacts/bulk", """
                {"contacts": [
                   {"email": "new@example.com", "firstName": "New", "customFields": {"plan": "pro"}},
                   {"email": "broken-address", "firstName": "Bad"},
                   {"email": "OLD@example.com", "firstName": "Renewed", "customFields": {"b": 2}},
                   {"email": "typed@example.com", "customFields": "not an object"},
                   {"firstName": "No email"},
                   42,
                   {"email": "lists@example.com", "listIds": ["%s"]},
                   {"email": "wrong-list@example.com", "listIds": ["00000000-0000-0000-0000-000000000000"]},
                   {"email": "new@example.com", "lastName": "Later"}
                 ],
                 "listIds": ["%s"]}""".formatted(ownList, list)).expect(200).data();

        assertThat(result.path("created").asInt()).isEqualTo(2);
        assertThat(result.path("updated").asInt()).isEqualTo(2);
        assertThat(result.path("failed").asInt()).isEqualTo(5);
        assertThat(result.path("failures").valueStream()
                .map(f -> f.path("row").asInt() + " " + f.path("email").asString(null) + " " + f.path("field").asString()))
                .containsExactly("2 broken-address email", "4 typed@example.com customFields", "5 null email",
                        "6 null contact", "8 wrong-list@example.com listIds[0]");
        assertThat(result.path("failures").get(0).path("message").asString()).isEqualTo("is not a valid email address");

        JsonNode merged = caller.get("/v1/contacts/" + existing).expect(200).data();
        assertThat(merged.path("firstName").asString()).isEqualTo("Renewed");
        assertThat(merged.path("lastName").asString()).isEqualTo("Timer");
        assertThat(merged.path("customFields").path("a").asInt()).isEqualTo(1);
        assertThat(merged.path("customFields").path("b").asInt()).isEqualTo(2);
        assertThat(merged.path("listIds").valueStream().map(JsonNode::asString)).containsExactly(list);

        JsonNode repeated = contact("new@example.com");
        assertThat(repeated.path("firstName").asString()).isEqualTo("New");
        assertThat(repeated.path("lastName").asString()).isEqualTo("Later");
        assertThat(contact("lists@example.com").path("listIds").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder(list, ownList);
        assertThat(caller.get("/v1/contacts").data().path("pagination").path("total").asInt()).isEqualTo(3);
        assertThat(caller.get("/v1/lists/" + list).data().path("contactCount").asInt()).isEqualTo(3);
    }

    @Test
    void jsonBulkSpanningSeveralBatchesCountsRepeatedEmailsAsUpdates() {
        String list = newList("Batched");
        int rows = 2 * ContactImporter.BATCH_SIZE + 500;
        int distinct = 2 * ContactImporter.BATCH_SIZE;
        StringBuilder json = new StringBuilder("{\"contacts\": [");
        for (int i = 0; i < rows; i++) {
            json.append(i == 0 ? "" : ",").append("{\"email\": \"p").append(i % distinct)
                    .append("@example.com\", \"customFields\": {\"pass").append(i / distinct).append("\": true}}");
        }
        json.append("], \"listIds\": [\"").append(list).append("\"]}");

        JsonNode result = caller.post("/v1/contacts/bulk", json.toString()).expect(200).data();
        assertThat(result.path("created").asInt()).isEqualTo(distinct);
        assertThat(result.path("updated").asInt()).isEqualTo(rows - distinct);
        assertThat(caller.get("/v1/lists/" + list).data().path("contactCount").asInt()).isEqualTo(distinct);
        JsonNode repeated = contact("p10@example.com").path("customFields");
        assertThat(repeated.path("pass0").asBoolean()).isTrue();
        assertThat(repeated.path("pass1").asBoolean()).isTrue();
        assertThat(contact("p1999@example.com").path("customFields").has("pass1")).isFalse();
    }

    @Test
    void rowsWhoseMergedCustomFieldsGrowTooLongFailAlone() {
        String half = "x".repeat(Contact.MAX_CUSTOM_FIELDS_LENGTH / 2);
        JsonNode result = caller.post("/v1/contacts/bulk", """
                [{"email": "grows@example.com", "customFields": {"a": "%s"}},
                 {"email": "fine@example.com"},
                 {"email": "grows@example.com", "customFields": {"b": "%s"}},
                 {"email": "huge@example.com", "customFields": {"a": "%s%s"}}]""".formatted(half, half, half, half))
                .expect(200).data();
        assertThat(result.path("created").asInt()).isEqualTo(1);
        assertThat(result.path("updated").asInt()).isZero();
        assertThat(result.path("failed").asInt()).isEqualTo(3);
        assertThat(result.path("failures").valueStream().map(f -> f.path("row").asInt() + " " + f.path("field").asString()))
                .containsExactlyInAnyOrder("3 customFields", "4 customFields");
        assertThat(caller.get("/v1/contacts").data().path("pagination").path("total").asInt()).isEqualTo(1);
    }

    @Test
    void jsonBulkAcceptsAPlainArrayWithListsInTheQuery() {
        String list = newList("From query");
        JsonNode result = caller.post("/v1/contacts/bulk?listIds=" + list, """
                [{"email": "a@example.com"}, {"email": "b@example.com", "userId": "b"}]""").expect(200).data();
        assertThat(result.path("created").asInt()).isEqualTo(2);
        assertThat(caller.get("/v1/lists/" + list + "/contacts").data().path("pagination").path("total").asInt())
                .isEqualTo(2);
    }

    @Test
    void malformedOrMisshapenJsonIsRefusedBeforeAnythingIsWritten() {
        caller.post("/v1/contacts/bulk", "[{\"email\": \"first@example.com\"}, {\"email\": ")
                .expectInvalidField("body");
        caller.post("/v1/contacts/bulk", "[{\"email\": \"first@example.com\"}] []").expectInvalidField("body");
        caller.post("/v1/contacts/bulk", "\"contacts\"").expectInvalidField("body");
        caller.post("/v1/contacts/bulk", "{\"listIds\": []}").expectInvalidField("contacts");
        caller.post("/v1/contacts/bulk", "{\"contacts\": {\"email\": \"x@example.com\"}}").expectInvalidField("contacts");
        caller.post("/v1/contacts/bulk", "{\"contacts\": [{\"email\": \"first@example.com\"}], \"listIds\": \"x\"}")
                .expectInvalidField("listIds");
        caller.post("/v1/contacts/bulk", """
                {"contacts": [{"email": "first@example.com"}], "listIds": ["00000000-0000-0000-0000-000000000000"]}""")
                .expectInvalidField("listIds[0]");
        caller.post("/v1/contacts/bulk?listIds=nope", "[{\"email\": \"first@example.com\"}]")
                .expectInvalidField("listIds[0]");
        caller.raw("POST", "/v1/contacts/bulk", "text/plain", "[]").expectError(415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(caller.get("/v1/contacts").data().path("pagination").path("total").asInt()).isZero();
    }

    /**
     * An import names at most {@value ContactJson#MAX_LIST_IDS} lists, in its body, in the query
     * and per contact: an array of 70,000 ids (past PostgreSQL's 65,535 bind parameters if bound into
     * one statement) is refused naming listIds before it is held; so is a contact larger than any can
     * be. Nothing is written.
     */
    @Test
    void anImportNamingMoreListsThanItMayOrAContactTooLargeIsRefusedBeforeAnythingIsWritten() {
        String tooMany = IntStream.range(0, 70_000).mapToObj(i -> "\"" + UUID.randomUUID() + "\"")
                .collect(Collectors.joining(",", "[", "]"));
        caller.post("/v1/contacts/bulk", "{\"contacts\": [{\"email\": \"first@example.com\"}], \"listIds\": "
                + tooMany + "}").expectInvalidField("listIds");
        String oneTooMany = IntStream.rangeClosed(0, ContactJson.MAX_LIST_IDS).mapToObj(i -> newList("L" + i))
                .collect(Collectors.joining(","));
        caller.post("/v1/contacts/bulk?listIds=" + oneTooMany, "[{\"email\": \"first@example.com\"}]")
                .expectInvalidField("listIds");
        upload("email\nfirst@example.com\n", oneTooMany).expectInvalidField("listIds");
        String hugeContact = "{\"email\": \"huge@example.com\", \"lastName\": [" + "1,".repeat(
                JsonContactReader.MAX_CONTACT_TOKENS) + "1]}";
        caller.post("/v1/contacts/bulk", "[{\"email\": \"first@example.com\"}, " + hugeContact + "]")
                .expectInvalidField("contacts[1]");
        assertThat(caller.get("/v1/contacts").data().path("pagination").path("total").asInt()).isZero();

        JsonNode result = caller.post("/v1/contacts/bulk", "[{\"email\": \"row@example.com\", \"listIds\": [\""
                + oneTooMany.replace(",", "\", \"") + "\"]}]").expect(200).data();
        assertThat(result.path("failures").valueStream().map(f -> f.path("field").asString()))
                .containsExactly("listIds");
    }

    @Test
    void csvFileUploadMapsColumnsAndKeepsWhatEmptyCellsDoNotGive() {
        String list = newList("Uploaded");
        String existing = caller.post("/v1/contacts", """
                {"email": "kept@example.com", "firstName": "Kept", "lastName": "Name", "customFields": {"city": "Rome"}}""")
                .expect(201).data().path("id").asString();
        String csv = "\uFEFFE-Mail,First Name,LAST_NAME,userId,City,\r\n"
                + "kept@example.com,,,u-7,,\r\n"
                + "\"quoted@example.com\",\"Smith, Jo\",\"Multi\nLine\",,Paris,\r\n"
                + "\r\n"
                + "extra@example.com,Extra,,,,surprise\r\n"
                + "QUOTED@example.com,Jo,,,,\r\n";
        JsonNode result = upload(csv, list).expect(200).data();
        assertThat(result.path("created").asInt()).isEqualTo(1);
        assertThat(result.path("updated").asInt()).isEqualTo(2);
        assertThat(result.path("failed").asInt()).isEqualTo(1);
        JsonNode failure = result.path("failures").get(0);
        assertThat(failure.path("row").asInt()).isEqualTo(3);
        assertThat(failure.path("email").asString()).isEqualTo("extra@example.com");
        assertThat(failure.path("field").asString()).isEqualTo("column 6");

        JsonNode kept = caller.get("/v1/contacts/" + existing).data();
        assertThat(kept.path("firstName").asString()).isEqualTo("Kept");
        assertThat(kept.path("lastName").asString()).isEqualTo("Name");
        assertThat(kept.path("userId").asString()).isEqualTo("u-7");
        assertThat(kept.path("customFields").path("city").asString()).isEqualTo("Rome");
        assertThat(kept.path("listIds").get(0).asString()).isEqualTo(list);

        JsonNode quoted = contact("quoted@example.com");
        assertThat(quoted.path("firstName").asString()).isEqualTo("Jo");
        assertThat(quoted.path("lastName").asString()).isEqualTo("Multi\nLine");
        assertThat(quoted.path("customFields").path("City").asString()).isEqualTo("Paris");
        assertThat(caller.get("/v1/lists/" + list).data().path("contactCount").asInt()).isEqualTo(2);
    }

    @Test
    void csvThatCannotBeReadIsRefusedBeforeAnythingIsWritten() {
        caller.raw("POST", "/v1/contacts/import", "text/csv", "first_name,last_name\nAda,Lovelace\n")
                .expectInvalidField("body");
        caller.raw("POST", "/v1/contacts/import", "text/csv", "email,email\na@example.com,b@example.com\n")
                .expectInvalidField("body");
        caller.raw("POST", "/v1/contacts/import", "text/csv", "").expectInvalidField("body");
        caller.raw("POST", "/v1/contacts/import", "text/csv", "email,note\nok@example.com,fine\nbad@example.com,\"open")
                .expectInvalidField("body");
        upload("email\nok@example.com\n", "00000000-0000-0000-0000-000000000000").expectInvalidField("listIds[0]");
        caller.raw("POST", "/v1/contacts/import", "multipart/form-data; boundary=" + BOUNDARY,
                "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--" + BOUNDARY + "--\r\n")
                .expectInvalidField("file");
        upload("name\nAda\n", null).expectInvalidField("file");
        caller.raw("POST", "/v1/contacts/import", "text/csv; charset=klingon", "email\nok@example.com\n")
                .expectError(415, "UNSUPPORTED_MEDIA_TYPE");
        upload("email\nok@example.com\n", null, "text/csv; charset=klingon").expectInvalidField("file");
        assertThat(caller.get("/v1/contacts").data().path("pagination").path("total").asInt()).isZero();
    }

    @Test
    void bytesThatAreNoTextInTheDeclaredCharsetAreRefusedNotReplaced() {
        byte[] latin1 = "email,firstName\nrene@example.com,Ren\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        caller.bytes("POST", "/v1/contacts/import", "text/csv", latin1).expectInvalidField("body");
        assertThat(caller.get("/v1/contacts").data().path("pagination").path("total").asInt()).isZero();

        caller.bytes("POST", "/v1/contacts/import", "text/csv; charset=ISO-8859-1", latin1).expect(200);
        assertThat(contact("rene@example.com").path("firstName").asString()).isEqualTo("Ren\u00e9");
    }

    @Test
    void textThatCannotBeStoredFailsOnlyItsRow() {
        JsonNode csv = caller.raw("POST", "/v1/contacts/import", "text/csv",
                "email,firstName,plan\nnul@example.com,a\0b,\nplan@example.com,,x\0y\nfine@example.com,Fine,\n")
                .expect(200).data();
        assertThat(csv.path("failures").valueStream().map(f -> f.path("row").asInt() + " " + f.path("field").asString()))
                .containsExactly("1 firstName", "2 customFields.plan");

        JsonNode json = caller.post("/v1/contacts/bulk", """
                [{"email": "surrogate@example.com", "lastName": "a\\ud800b"},
                 {"email": "key@example.com", "customFields": {"a\\u0000": 1}},
                 {"email": "nested@example.com", "customFields": {"tags": ["ok", "\\udc00"]}},
                 {"email": "emoji@example.com", "firstName": "\\ud83d\\ude00"}]""").expect(200).data();
        assertThat(json.path("failures").valueStream().map(f -> f.path("row").asInt() + " " + f.path("field").asString()))
                .containsExactly("1 lastName", "2 customFields", "3 customFields.tags[1]");
        assertThat(contact("emoji@example.com").path("firstName").asString()).isEqualTo("\uD83D\uDE00");
        assertThat(caller.get("/v1/contacts").data().path("pagination").path("total").asInt()).isEqualTo(2);
    }

    @Test
    void failuresAreCountedInFullButReportedUpToALimit() {
        StringBuilder csv = new StringBuilder("email\n");
        for (int i = 0; i < 1500; i++) {
            csv.append("invalid-").append(i).append('\n');
        }
        csv.append("valid@example.com\n");
        JsonNode result = caller.raw("POST", "/v1/contacts/import", "text/csv", csv.toString()).expect(200).data();
        assertThat(result.path("created").asInt()).isEqualTo(1);
        assertThat(result.path("failed").asInt()).isEqualTo(1500);
        assertThat(result.path("failures").size()).isEqualTo(ContactImporter.MAX_REPORTED_FAILURES);
        assertThat(result.path("failures").get(999).path("row").asInt()).isEqualTo(1000);
    }

    private Reply upload(String csv, String listIds) {
        return upload(csv, listIds, "text/csv");
    }

    private Reply upload(String csv, String listIds, String fileContentType) {
        StringBuilder body = new StringBuilder();
        if (listIds != null) {
            body.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"listIds\"\r\n\r\n")
                    .append(listIds).append("\r\n");
        }
        body.append("--").append(BOUNDARY)
                .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contacts.csv\"\r\n")
                .append("Content-Type: ").append(fileContentType).append("\r\n\r\n").append(csv).append("\r\n--").append(BOUNDARY).append("--\r\n");
        return caller.raw("POST", "/v1/contacts/import", "multipart/form-data; boundary=" + BOUNDARY, body.toString());
    }

    private JsonNode contact(String email) {
        List<JsonNode> found = caller.get("/v1/contacts?email=" + email).expect(200).data().path("contacts")
                .valueStream().toList();
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    /**
     * An import and a removal of the same contacts, side by side and each in its own order, both
     * answer, and each list's count stays its number of members. Each takes the contacts' rows in
     * id order before any list's count, so neither waits for the other in a cycle (a cycle was a
     * deadlock on PostgreSQL: one of them answered 500).
     */
    @Test
    void anImportAndARemovalOfTheSameContactsSideBySideBothAnswerAndKeepTheListCountsTrue() throws Exception {
        String first = newList("First");
        String second = newList("Second");
        List<String> emails = IntStream.range(0, 300).mapToObj(i -> "both" + i + "@example.com").toList();
        Random orders = new Random(7);
        for (int round = 0; round < 4; round++) {
            upload(csvOf(shuffled(emails, orders)), first).expect(200);
            String imported = csvOf(shuffled(emails, orders));
            List<String> removed = shuffled(emails, orders);
            try (ExecutorService sides = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Reply> importing = sides.submit(() -> upload(imported, first + "," + second));
                Future<Reply> removing = sides.submit(() -> caller.post("/v1/contacts/remove",
                        Map.of("emails", removed)));
                importing.get().expect(200);
                removing.get().expect(200);
            }
            for (String list : List.of(first, second)) {
                int members = caller.get("/v1/contacts?limit=1&listId=" + list).expect(200).data()
                        .path("pagination").path("total").asInt();
                assertThat(caller.get("/v1/lists/" + list).data().path("contactCount").asInt())
                        .as("list %s in round %d", list, round).isEqualTo(members);
            }
        }
    }

    private static List<String> shuffled(List<String> emails, Random random) {
        List<String> copy = new ArrayList<>(emails);
        Collections.shuffle(copy, random);
        return copy;
    }

    private static String csvOf(List<String> emails) {
        return "email\n" + String.join("\n", emails) + "\n";
    }

    private String newList(String name) {
        return caller.post("/v1/lists", "{\"name\": \"" + name + "\"}").expect(201).data().path("id").asString();
    }
}

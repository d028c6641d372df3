package io.crier.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Audiences;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Eventually;
import io.crier.support.ReceivedMail;

import tools.jackson.databind.JsonNode;

/**
 * Per-list subscription status: the API shows and sets it, and a campaign mails only the members
 * subscribed to the lists it names, while one who left a list stays out even when imported again.
 */
@CrierApiTest
class ListSubscriptionApiTest {

    @LocalServerPort
    int port;

    @Test
    void aCampaignMailsOnlySubscribedMembersAndAnImportDoesNotResubscribe() {
        Caller caller = Api.at(port).newWorkspace();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> emails = IntStream.range(0, 3).mapToObj(i -> "s" + i + "-" + tag + "@example.org").toList();
        String list = Audiences.list(caller, emails);
        String other = Audiences.list(caller, List.of(emails.get(1)));
        String leaving = contactId(caller, emails.get(1));
        String stranger = caller.post("/v1/contacts", Map.of("email", "x-" + tag + "@example.org")).expect(201)
                .data().path("id").asString();

        JsonNode left = caller.patch("/v1/lists/" + list + "/contacts", Map.of("contactIds",
                List.of(leaving, stranger), "emails", List.of("nobody-" + tag + "@example.org"),
                "status", "unsubscribed")).expect(200).data();
        assertThat(left.path("updated").asInt()).isEqualTo(1);
        assertThat(left.path("notMembers").valueStream().map(JsonNode::asString)).containsExactly(stranger);
        assertThat(left.path("notFound").valueStream().map(JsonNode::asString))
                .containsExactly("nobody-" + tag + "@example.org");
        // Imported again into the list: an import adds members, it does not bring back one who left.
        caller.post("/v1/contacts/bulk", Map.of("contacts", List.of(Map.of("email", emails.get(1))),
                "listIds", List.of(list))).expect(200);

        JsonNode contact = caller.get("/v1/contacts/" + leaving).expect(200).data();
        assertThat(contact.path("listIds").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder(list, other);
        assertThat(contact.path("subscriptions").valueStream()
                .map(s -> s.path("listId").asString() + "=" + s.path("status").asString()).toList())
                .containsExactlyInAnyOrder(list + "=unsubscribed", other + "=subscribed");

        String campaign = Audiences.campaign(caller, Map.of(), list);
        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        Eventually.status(caller, campaign, "sent");
        assertThat(ReceivedMail.byRecipient(caller)).containsOnlyKeys(emails.get(0), emails.get(2));

        // Subscribed again by the operator: the next campaign to the list mails them too.
        caller.patch("/v1/lists/" + list + "/contacts", Map.of("emails", List.of(emails.get(1)),
                "status", "subscribed")).expect(200);
        caller.delete("/v1/dev/inbox").expect(200);
        String next = caller.post("/v1/campaigns/" + campaign + "/duplicate").expect(201).data().path("id").asString();
        caller.post("/v1/campaigns/" + next + "/send").expect(200);
        Eventually.status(caller, next, "sent");
        assertThat(ReceivedMail.byRecipient(caller)).containsOnlyKeys(emails);
    }

    @Test
    void aStatusChangeNamesItsProblem() {
        Caller caller = Api.at(port).newWorkspace();
        String email = "bad-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String list = Audiences.list(caller, List.of(email));

        assertThat(caller.patch("/v1/lists/" + list + "/contacts", Map.of("emails", List.of(email),
                "status", "unconfirmed")).expect(400).body()).contains("\"status\"");
        assertThat(caller.patch("/v1/lists/" + list + "/contacts", Map.of("emails", List.of(email))).expect(400)
                .body()).contains("\"status\"");
        caller.patch("/v1/lists/" + UUID.randomUUID() + "/contacts", Map.of("emails", List.of(email),
                "status", "unsubscribed")).expect(404);
        assertThat(caller.get("/v1/contacts/" + contactId(caller, email)).expect(200).data()
                .path("subscriptions").get(0).path("status").asString()).isEqualTo("subscribed");
    }

    private static String contactId(Caller caller, String email) {
        return caller.get("/v1/contacts?email=" + email).expect(200).data().path("contacts").get(0).path("id")
                .asString();
    }
}

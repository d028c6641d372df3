package io.crier.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * The unsubscribe link's preference page: "leave this list" leaves the lists the campaign was sent
 * to and keeps the others, suppressing nothing; "unsubscribe from everything" and RFC 8058's
 * one-click still suppress the address (UnsubscribeApiTest).
 */
@CrierApiTest
class PreferencePageApiTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @LocalServerPort
    int port;

    @Test
    void leavingOneListKeepsTheOthers() {
        Api api = Api.at(port);
        Caller caller = api.newWorkspace();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String reader = "pref-" + tag + "@example.org";
        String weekly = Audiences.list(caller, List.of(reader));
        caller.patch("/v1/lists/" + weekly, Map.of("name", "Weekly <news>")).expect(200);
        String offers = Audiences.list(caller, List.of(reader));
        String campaign = Audiences.campaign(caller, Map.of(), weekly);
        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        Eventually.status(caller, campaign, "sent");
        String page = ReceivedMail.path(ReceivedMail.unsubscribeLink(ReceivedMail.byRecipient(caller).get(reader)));

        String shown = api.anonymous().get(page).expect(200).body();
        assertThat(shown).contains("Email preferences").contains("Weekly &lt;news&gt;").contains("Leave this list")
                .contains("name=\"scope\" value=\"lists\"").contains("Unsubscribe from everything")
                .contains("name=\"List-Unsubscribe\" value=\"One-Click\"").doesNotContain("<script");
        assertThat(api.anonymous().raw("POST", page, FORM, "scope=lists").expect(200).body())
                .contains("You left Weekly &lt;news&gt;");

        JsonNode contact = caller.get("/v1/contacts?email=" + reader).expect(200).data().path("contacts").get(0);
        assertThat(contact.path("subscriptions").valueStream()
                .map(s -> s.path("listId").asString() + "=" + s.path("status").asString()).toList())
                .containsExactlyInAnyOrder(weekly + "=unsubscribed", offers + "=subscribed");
        assertThat(caller.get("/v1/suppressions").expect(200).data().path("suppressions")).isEmpty();

        // The next campaign to the list left mails nobody; one to the other list still mails them.
        caller.delete("/v1/dev/inbox").expect(200);
        String again = caller.post("/v1/campaigns/" + campaign + "/duplicate").expect(201).data().path("id").asString();
        caller.post("/v1/campaigns/" + again + "/send").expect(200);
        Eventually.status(caller, again, "sent");
        String other = Audiences.campaign(caller, Map.of(), offers);
        caller.post("/v1/campaigns/" + other + "/send").expect(200);
        Eventually.status(caller, other, "sent");
        assertThat(ReceivedMail.rawByRecipient(caller)).hasSize(1).containsKey(reader);
        assertThat(caller.get("/v1/dev/inbox").expect(200).data().path("messages")).hasSize(1);
    }
}

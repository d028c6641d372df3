package io.crier.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
 * Unsubscribe groups end to end: a campaign and a transactional call under a group skip whoever
 * left that group (recorded as suppressed) and mail whoever left another; the grouped mail's link
 * shows the groups, one-click leaves only the mail's group, and the page's choices rejoin one.
 */
@CrierApiTest
class UnsubscribeGroupApiTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @LocalServerPort
    int port;

    @Test
    void mailUnderAGroupSkipsItsLeaversAndItsLinkLeavesOnlyThatGroup() {
        Api api = Api.at(port);
        Caller caller = api.newWorkspace();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String leaver = "leaver-" + tag + "@example.org";
        String stayer = "stayer-" + tag + "@example.org";
        String news = group(caller, "Product news");
        String offers = group(caller, "Offers");
        caller.post("/v1/suppression-groups/emails/suppress", Map.of("groupId", news, "emails", List.of(leaver)))
                .expect(200);
        caller.post("/v1/suppression-groups/emails/suppress", Map.of("groupId", offers, "emails", List.of(stayer)))
                .expect(200);
        String list = Audiences.list(caller, List.of(leaver, stayer));

        String campaign = Audiences.campaign(caller, Map.of("unsubscribeGroupId", news), list);
        assertThat(caller.get("/v1/campaigns/" + campaign).expect(200).data().path("unsubscribeGroupId").asString())
                .isEqualTo(news);
        caller.post("/v1/campaigns/" + campaign + "/send").expect(200);
        JsonNode sent = Eventually.status(caller, campaign, "sent").data();
        assertThat(sent.path("metrics").path("suppressed").asInt()).isEqualTo(1);
        assertThat(ReceivedMail.rawByRecipient(caller)).containsOnlyKeys(stayer);

        caller.delete("/v1/dev/inbox").expect(200);
        JsonNode bulk = caller.post("/v1/mails/bulk", Map.of("from", Map.of("email", "hello@crier.test"),
                "subject", "Grouped", "text", "News", "unsubscribeGroupId", news,
                "recipients", List.of(Map.of("email", leaver), Map.of("email", stayer)))).expect(200).data();
        assertThat(bulk.path("emails").valueStream().map(e -> e.path("status").asString()).toList())
                .containsExactly("suppressed", "queued");
        String stayerMail = ReceivedMail.unsubscribeLink(Eventually.await("the stayer's grouped mail",
                Duration.ofSeconds(30), () -> ReceivedMail.byRecipient(caller), byRecipient -> byRecipient.containsKey(stayer))
                .get(stayer));
        assertThat(ReceivedMail.rawByRecipient(caller)).containsOnlyKeys(stayer);

        String page = ReceivedMail.path(stayerMail);
        String shown = api.anonymous().get(page).expect(200).body();
        assertThat(shown).contains("Leave Product news").contains("name=\"keep\" value=\"" + news + "\" checked")
                .contains("name=\"keep\" value=\"" + offers + "\">").contains("Unsubscribe from everything");
        // RFC 8058's one-click request on a grouped mail leaves that group, and suppresses nothing.
        assertThat(api.anonymous().raw("POST", page, FORM, "List-Unsubscribe=One-Click").expect(200).body())
                .contains("You left Product news");
        assertThat(leftBy(caller, stayer)).containsExactlyInAnyOrder(news, offers);
        assertThat(caller.get("/v1/suppressions").expect(200).data().path("suppressions")).isEmpty();
        assertThat(caller.post("/v1/suppression-groups/entries", Map.of("groupId", news)).expect(200).data()
                .path("entries").valueStream().map(e -> e.path("email").asString()).toList())
                .containsExactlyInAnyOrder(leaver, stayer);

        // The page's choices: keep Offers only, which rejoins it.
        assertThat(api.anonymous().raw("POST", page, FORM, "scope=groups&keep=" + offers).expect(200).body())
                .contains("Your choices are saved");
        assertThat(leftBy(caller, stayer)).containsExactly(news);
    }

    @Test
    void groupsAreRefusedByNameWhereTheyAreNone() {
        Caller caller = Api.at(port).newWorkspace();
        String elsewhere = group(Api.at(port).newWorkspace(), "Not yours");
        caller.post("/v1/mails/send", Map.of("from", Map.of("email", "hello@crier.test"),
                "to", Map.of("email", "a@example.org"), "subject", "x", "text", "x", "unsubscribeGroupId", elsewhere))
                .expectInvalidField("unsubscribeGroupId");
        String list = Audiences.list(caller, List.of("b@example.org"));
        caller.post("/v1/campaigns", Map.of("name", "x", "toLists", List.of(list), "unsubscribeGroupId", "nope"))
                .expectInvalidField("unsubscribeGroupId");
        caller.get("/v1/suppression-groups/" + elsewhere).expect(404);
        caller.post("/v1/suppression-groups/emails/suppress", Map.of("groupId", group(caller, "Mine"),
                "emails", List.of("not-an-address"))).expectInvalidField("emails[0]");
        caller.post("/v1/suppression-groups", Map.of("description", "no name")).expectInvalidField("name");
    }

    @Test
    void autoSendsContactListCallsByEmail() {
        Caller caller = Api.at(port).newWorkspace();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String ada = "ada-" + tag + "@example.org";
        String bob = "bob-" + tag + "@example.org";
        String list = Audiences.list(caller, List.of(ada, bob));
        String other = caller.post("/v1/contact-lists", Map.of("name", "Other", "type", "list")).expect(201).data()
                .path("id").asString();
        JsonNode added = caller.post("/v1/contact-lists/contacts/bulk-add",
                Map.of("contactListId", other, "emails", List.of(ada, "nobody-" + tag + "@example.org"))).expect(200).data();
        assertThat(added.path("added").asInt()).isEqualTo(1);
        assertThat(caller.post("/v1/contact-lists/" + list + "/contacts/remove", Map.of("emails", List.of(bob)))
                .expect(200).data().path("removed").asInt()).isEqualTo(1);
        assertThat(caller.get("/v1/contact-lists/" + list + "/contacts").expect(200).data().path("contacts")
                .valueStream().map(c -> c.path("email").asString()).toList()).containsExactly(ada);
        caller.post("/v1/contact-lists/contacts/bulk-add", Map.of("contactListId", "nope", "emails", List.of(ada)))
                .expectInvalidField("contactListId");

        JsonNode removed = caller.post("/v1/contacts/remove", Map.of("emails", List.of(ada.toUpperCase()))).expect(200)
                .data();
        assertThat(removed.path("removedIds")).hasSize(1);
        assertThat(caller.get("/v1/contacts?email=" + ada).expect(200).data().path("contacts")).isEmpty();
    }

    @Test
    void callsAtOnceForOneUnknownAddressAllKeepTheLeaveWithOneContact() {
        Caller caller = Api.at(port).newWorkspace();
        String news = group(caller, "News");
        String stranger = "stranger-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Map<String, Object> body = Map.of("groupId", news, "emails", List.of(stranger));

        List<Integer> statuses;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Integer>> calls = List.of(1, 2, 3).stream()
                    .map(i -> CompletableFuture.supplyAsync(() -> {
                        awaitUninterruptibly(start);
                        return caller.post("/v1/suppression-groups/emails/suppress", body).status();
                    }, threads)).toList();
            start.countDown();
            statuses = calls.stream().map(CompletableFuture::join).toList();
        }

        assertThat(statuses).containsOnly(200);
        assertThat(leftBy(caller, stranger)).containsExactly(news);
        assertThat(caller.get("/v1/contacts?email=" + stranger).expect(200).data().path("contacts")).hasSize(1);
    }

    private static String group(Caller caller, String name) {
        return caller.post("/v1/suppression-groups", Map.of("name", name, "description", name + " mail")).expect(201)
                .data().path("id").asString();
    }

    private static List<String> leftBy(Caller caller, String email) {
        return caller.post("/v1/suppression-groups/email/entries", Map.of("email", email)).expect(200).data()
                .valueStream().map(group -> group.path("id").asString()).toList();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

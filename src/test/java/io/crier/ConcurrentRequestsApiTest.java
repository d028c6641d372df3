package io.crier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Reply;
import io.crier.support.TestKeys;

/**
 * Requests that race for the same row, sent at the same moment from several threads, many times
 * over: the one that comes second gets the answer it would have had a moment later, never a 500.
 */
@CrierApiTest
class ConcurrentRequestsApiTest {

    /** How often each race is run: enough for the requests to meet inside the critical statements. */
    private static final int ROUNDS = 40;
    private static final int RACERS = 4;
    private static final int WEBHOOK_CAP = 20;
    private static final int DKIM_CAP = 100;

    @LocalServerPort
    int port;

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void suppressingOneAddressAtOnceAddsItOnceAndTellsTheOthersItWasSuppressedAlready() throws Exception {
        Caller caller = Api.at(port).newWorkspace();
        for (int round = 0; round < ROUNDS; round++) {
            String email = "race-" + round + "-" + UUID.randomUUID() + "@example.com";
            List<Reply> replies = race(RACERS, () -> caller.post("/v1/suppressions", "{\"email\": \"" + email + "\"}"));

            assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.body()).isEqualTo(200));
            assertThat(replies).extracting(reply -> reply.data().path("added").asInt())
                    .as("added, in round %d", round).containsOnly(0, 1).containsOnlyOnce(1);
        }
    }

    @Test
    void upsertingOneNewAddressAtOnceMakesOneContactAndUpdatesIt() throws Exception {
        Caller caller = Api.at(port).newWorkspace();
        for (int round = 0; round < ROUNDS; round++) {
            String email = "upsert-" + round + "-" + UUID.randomUUID() + "@example.com";
            List<Reply> replies = race(RACERS, () -> caller.post("/v1/contacts/email",
                    "{\"email\": \"" + email + "\", \"firstName\": \"Racer\"}"));

            assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.body()).isIn(200, 201));
            assertThat(replies).filteredOn(reply -> reply.status() == 201).as("created, in round %d", round)
                    .hasSize(1);
            assertThat(caller.get("/v1/contacts?email=" + email).expect(200).data().path("contacts")).hasSize(1);
        }
    }

    @Test
    void aListDeletedWhileAContactJoinsItIsAConflictOrAMissingListNeverA500() throws Exception {
        Caller caller = Api.at(port).newWorkspace();
        for (int round = 0; round < ROUNDS; round++) {
            String list = caller.post("/v1/lists", "{\"name\": \"Going " + round + "\"}").expect(201).data()
                    .path("id").asString();
            String email = "joining-" + round + "-" + UUID.randomUUID() + "@example.com";
            List<Reply> replies = race(List.of(() -> caller.post("/v1/contacts",
                    "{\"email\": \"" + email + "\", \"listIds\": [\"" + list + "\"]}"),
                    () -> caller.delete("/v1/lists/" + list)));

            Reply joined = replies.getFirst();
            assertThat(joined.status()).as(joined.body()).isIn(201, 400, 409);
            if (joined.status() == 409) {
                joined.expectError(409, "CONFLICT");
                assertThat(caller.get("/v1/contacts?email=" + email).expect(200).data().path("contacts"))
                        .as("a refused contact is not stored").isEmpty();
            }
            assertThat(replies.getLast().status()).as(replies.getLast().body()).isEqualTo(200);
        }
    }

    /**
     * A workspace one webhook short of its cap (crier.webhooks.per-workspace, 20), registering
     * several at once: one is registered, the others are the cap's 409, round after round.
     */
    @Test
    void webhooksRegisteredAtOnceStayWithinTheWorkspacesCap() throws Exception {
        Caller caller = Api.at(port).fromAnAddressOfItsOwn().newWorkspace();
        String hook = "{\"url\": \"https://93.184.215.14/hook\", \"events\": [\"delivery.sent\"]}";
        for (int i = 0; i < WEBHOOK_CAP - 1; i++) {
            caller.post("/v1/webhooks", hook).expect(201);
        }
        keepsTheCap(caller, racer -> racer.post("/v1/webhooks", hook), "/v1/webhooks/",
                () -> caller.get("/v1/webhooks?limit=100").expect(200).data().path("webhooks").size(), WEBHOOK_CAP);
    }

    /** The same for DKIM keys, of which a workspace holds at most 100. */
    @Test
    void dkimKeysCreatedAtOnceStayWithinTheWorkspacesCap() throws Exception {
        Caller caller = Api.at(port).fromAnAddressOfItsOwn().newWorkspace();
        String pem = TestKeys.rsa2048();
        for (int i = 0; i < DKIM_CAP - 1; i++) {
            caller.post("/v1/dkim-keys", Map.of("domain", "d" + i + ".example.org", "selector", "s", "privateKey", pem))
                    .expect(201);
        }
        keepsTheCap(caller, racer -> racer.post("/v1/dkim-keys", Map.of("domain", UUID.randomUUID() + ".example.org",
                        "selector", "s", "privateKey", pem)), "/v1/dkim-keys/",
                () -> caller.get("/v1/dkim-keys").expect(200).data().path("keys").size(), DKIM_CAP);
    }

    /**
     * Races {@code create} round after round, each through a key of its own (the rounds would use up
     * one key's rate limit): exactly one create of each round fits, and is deleted for the next.
     */
    private void keepsTheCap(Caller caller, Function<Caller, Reply> create, String itemPath, IntSupplier count, int cap)
            throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Caller racer = caller.withKey(caller.post("/v1/api-keys", Map.of("name", "racer " + round, "scopes",
                    List.of("read", "admin"))).expect(201).data().path("key").asString());
            List<Reply> replies = race(RACERS, () -> create.apply(racer));

            assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.body()).isIn(201, 409));
            assertThat(count.getAsInt()).as("held after round %d", round).isEqualTo(cap);
            List<Reply> created = replies.stream().filter(reply -> reply.status() == 201).toList();
            assertThat(created).as("created in round %d", round).hasSize(1);
            racer.delete(itemPath + created.getFirst().data().path("id").asString()).expect(200);
        }
    }

    /** The same request from {@code racers} threads, released together. */
    private List<Reply> race(int racers, Supplier<Reply> request) throws Exception {
        List<Supplier<Reply>> requests = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            requests.add(request);
        }
        return race(requests);
    }

    /** Each request on a thread of its own, all released by one barrier; their replies in order. */
    private List<Reply> race(List<Supplier<Reply>> requests) throws Exception {
        CyclicBarrier start = new CyclicBarrier(requests.size());
        List<Future<Reply>> running = new ArrayList<>();
        for (Supplier<Reply> request : requests) {
            running.add(threads.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return request.get();
            }));
        }
        List<Reply> replies = new ArrayList<>();
        for (Future<Reply> reply : running) {
            replies.add(reply.get(60, TimeUnit.SECONDS));
        }
        return replies;
    }
}

package io.crier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.crier.support.Api;
import io.crier.support.Caller;
import io.crier.support.CrierApiTest;
import io.crier.support.Reply;

/**
 * Requests that race for the same row, sent at the same moment from several threads, many times
 * over: the one that comes second gets the answer it would have had a moment later, never a 500.
 */
@CrierApiTest
class ConcurrentRequestsApiTest {

    /** How often each race is run: enough for the requests to meet inside the critical statements. */
    private static final int ROUNDS = 40;
    private static final int RACERS = 4;

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

package io.crier.support;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * What every test of the shared {@link ClockedEngineTest} context starts from: the test clock, the
 * scripted relay, and a workspace of its own with a tag that keeps its addresses apart from the
 * other tests' in the same context.
 */
@ClockedEngineTest
public abstract class ClockedEngineCase {

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected ScriptedSmtpServer smtp;

    @Autowired
    private MeterRegistry registry;

    @Autowired
    private JdbcClient ledger;

    protected Caller caller;
    protected String tag;
    protected Rounds rounds;

    @BeforeEach
    void newWorkspace() {
        caller = Api.at(port).newWorkspace();
        tag = UUID.randomUUID().toString().substring(0, 8);
        rounds = Rounds.of(registry);
    }

    /**
     * Returns once the dispatcher has made a full round after this call and no delivery to these
     * addresses is claimed any more (each claim sent and recorded, or given back): what the relay
     * has received of them is then all the engine sends them until the clock or a campaign moves.
     */
    protected void awaitDispatched(Collection<String> emails) {
        rounds.awaitFullRound(Rounds.DISPATCHER);
        Eventually.await("no claimed delivery to " + emails.size() + " addresses", Duration.ofSeconds(30),
                () -> ledger.sql("select count(*) from delivery where status = 'claimed' and email in (:emails)")
                        .param("emails", emails).query(Long.class).single(),
                claimed -> claimed == 0);
    }

    /** The id of this workspace's contact with this address, read through the API. */
    protected String contactId(String email) {
        return caller.get("/v1/contacts?email=" + email).expect(200).data().path("contacts").get(0).path("id")
                .asString();
    }

    /** {@code count} addresses of this test: prefix0-tag@example.org, prefix1-tag@example.org, ... */
    protected List<String> addresses(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i + "-" + tag + "@example.org").toList();
    }
}

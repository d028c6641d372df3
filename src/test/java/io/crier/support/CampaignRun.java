package io.crier.support;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.crier.support.ScriptedSmtpServer.Received;

/**
 * One campaign under test and the mail it produced at a {@link ScriptedSmtpServer}: its own
 * recipients and its own envelope sender, so what other campaigns send on the same server never
 * counts. Every wait has a deadline.
 */
public final class CampaignRun {

    private final ScriptedSmtpServer smtp;
    private final Caller owner;
    private final String id;
    private final String from;
    private final List<String> emails;
    private final Set<String> audience;

    private CampaignRun(ScriptedSmtpServer smtp, Caller owner, String id, String from, List<String> emails) {
        this.smtp = smtp;
        this.owner = owner;
        this.id = id;
        this.from = from;
        this.emails = emails;
        this.audience = new HashSet<>(emails);
    }

    /** A draft campaign to {@code recipients} new contacts of the caller's workspace. */
    public static CampaignRun create(Caller caller, ScriptedSmtpServer smtp, int recipients) {
        return create(caller, smtp, recipients, Map.of());
    }

    /** A draft campaign to {@code recipients} new contacts, with these properties of the create body too. */
    public static CampaignRun create(Caller caller, ScriptedSmtpServer smtp, int recipients,
            Map<String, Object> extra) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> emails = IntStream.range(0, recipients).mapToObj(i -> "r" + i + "-" + tag + "@example.org")
                .toList();
        String from = "run-" + tag + "@crier.test";
        Map<String, Object> body = new java.util.HashMap<>(extra);
        body.put("from", Map.of("email", from, "name", "Crier"));
        String id = Audiences.campaign(caller, body, Audiences.list(caller, emails));
        return new CampaignRun(smtp, caller, id, from, emails);
    }

    /** The same campaign, watched through another caller (for example the same key on another node). */
    public CampaignRun on(Caller caller) {
        return new CampaignRun(smtp, caller, id, from, emails);
    }

    public String id() {
        return id;
    }

    /** The campaign's sender address. */
    public String from() {
        return from;
    }

    public List<String> emails() {
        return emails;
    }

    /** POST /v1/campaigns/{id}/{action} through {@code via}, which may be any node. */
    public Reply control(Caller via, String action) {
        return via.post("/v1/campaigns/" + id + "/" + action);
    }

    public Reply control(Caller via, String action, Object body) {
        return via.post("/v1/campaigns/" + id + "/" + action, body);
    }

    /** Every message of this campaign the server accepted, repeats included. */
    public List<Received> received() {
        return smtp.received().stream().filter(r -> audience.contains(r.recipient())).toList();
    }

    /** How many of this campaign's messages each client (EHLO name) delivered. */
    public Map<String, Long> receivedPerClient() {
        return received().stream().collect(Collectors.groupingBy(Received::client, Collectors.counting()));
    }

    /** When each MAIL FROM of this campaign reached the server (System.nanoTime of this JVM). */
    public List<Long> mailFromTimes() {
        return smtp.mailFromTimes(from);
    }

    /** When each MAIL FROM of this campaign from one client (EHLO name) reached the server. */
    public List<Long> mailFromTimes(String client) {
        return smtp.mailFromTimes(from, client);
    }

    public void awaitReceived(Predicate<List<Received>> enough, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!enough.test(received())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Gave up after " + timeout + " with " + received().size()
                        + " received, per node " + receivedPerClient());
            }
            sleep(10);
        }
    }

    /**
     * Waits until the relay has no connection open (a killed node's connections end when its process
     * does): every message it will ever receive from a dead node is in; returns how many of this
     * campaign's it received.
     */
    public int awaitRelayClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (smtp.openNow() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(smtp.openNow() + " relay connections still open after " + timeout);
            }
            sleep(10);
        }
        return received().size();
    }

    /**
     * Waits until each of these nodes' dispatchers has made a full round after this call and the
     * ledger holds no claimed delivery: what the relay received is then all it gets of this
     * campaign until the campaign or the clock moves.
     */
    public void awaitDispatched(List<Rounds> nodes, Duration timeout) {
        nodes.stream().map(node -> node.mark(Rounds.DISPATCHER)).toList().forEach(Rounds.Mark::awaitFullRound);
        awaitNothingClaimed(timeout);
    }

    /**
     * Waits until the ledger holds no claimed delivery: every message under way has been answered
     * by the relay and recorded, and every claim not sent has been given back. From then on, what
     * the relay received is final unless the campaign is running.
     */
    public void awaitNothingClaimed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (deliveries("claimed") > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Deliveries still claimed after " + timeout);
            }
            sleep(50);
        }
    }

    /** Polls the campaign until it has this status; returns the campaign. */
    public Reply awaitStatus(String status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Reply reply;
        do {
            reply = owner.get("/v1/campaigns/" + id).expect(200);
            if (reply.data().path("status").asString().equals(status)) {
                return reply;
            }
            sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Campaign never reached " + status + " within " + timeout + ": " + reply.body());
    }

    /** How many of the campaign's deliveries have this status in the ledger; null counts them all. */
    public int deliveries(String status) {
        return owner.get("/v1/campaigns/" + id + "/deliveries?limit=1" + (status == null ? "" : "&status=" + status))
                .expect(200).data().path("pagination").path("total").asInt();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

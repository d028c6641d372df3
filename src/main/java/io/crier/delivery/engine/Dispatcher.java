package io.crier.delivery.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.campaign.CampaignLaunches;
import io.crier.campaign.LaunchedCampaign;
import io.crier.delivery.DeliveryProperties;
import io.crier.delivery.fence.CampaignGates;
import io.crier.delivery.fence.NodeRegistry;
import io.crier.delivery.smtp.PoolRouting;
import io.crier.shared.FailureStreak;
import io.crier.shared.Timestamps;

/**
 * The claim loop of this node: for each running campaign whose gate is open and whose sending
 * window lets it send now, claims its share of the free room of its relay pool's senders
 * ({@link PoolRouting} picks the pool; {@link ClaimPlan} shares the room: transactional mail first,
 * then fair by workspace and campaign; gradual campaigns no more than their due slots allow, and
 * every claim within its pool's limits and the recipients' providers' throttles:
 * {@link ClaimThrottles}), and queues them for the pool's senders. Claims stay small (a pool's
 * queue holds six per connection), and nothing is claimed while more than
 * {@link #MAX_UNRECORDED} outcomes wait for the recorder: a database that falls behind slows sending down instead of letting sent but
 * unrecorded messages (the crash duplicate window) and live claims pile up.
 */
final class Dispatcher implements Runnable {

    /** About one recorder batch: at full speed a few dozen wait between two flushes. */
    static final int MAX_UNRECORDED = 500;

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final FailureStreak failures = new FailureStreak(log, Level.ERROR, "Dispatch");

    /** What one pass achieved, and so how soon the next one is worth making. */
    enum Pass {
        /** Something was queued: claim again at once. */
        QUEUED,
        /** Every pool with work still has over half its queue to send: look again in a moment. */
        FULL,
        /** Nothing to claim: wait for the idle poll. */
        IDLE
    }

    private final PoolQueues queues;
    private final PoolRouting routing;
    private final IntSupplier unrecorded;
    private final Claims claims;
    private final GradualPacer pacer;
    private final ClaimThrottles throttles;
    private final CampaignLaunches campaigns;
    private final RunningCampaignsCache running;
    private final CampaignGates gates;
    private final NodeRegistry node;
    private final TransactionTemplate transactions;
    private final DeliveryProperties properties;
    private final EngineMetrics metrics;
    private final Clock clock;
    private final Map<UUID, Long> lastCompletionCheck = new ConcurrentHashMap<>();
    private long turns;
    private volatile boolean active = true;

    Dispatcher(PoolQueues queues, PoolRouting routing, IntSupplier unrecorded, Claims claims, GradualPacer pacer,
            ClaimThrottles throttles,
            CampaignLaunches campaigns, RunningCampaignsCache running, CampaignGates gates, NodeRegistry node,
            TransactionTemplate transactions, DeliveryProperties properties, EngineMetrics metrics, Clock clock) {
        this.queues = queues;
        this.routing = routing;
        this.unrecorded = unrecorded;
        this.claims = claims;
        this.pacer = pacer;
        this.throttles = throttles;
        this.campaigns = campaigns;
        this.running = running;
        this.gates = gates;
        this.node = node;
        this.transactions = transactions;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void run() {
        while (active) {
            try {
                if (unrecorded.getAsInt() > MAX_UNRECORDED) {
                    Thread.sleep(1);
                } else if (node.mustSelfFence()) {
                    Thread.sleep(properties.idlePoll().toMillis());
                } else {
                    Pass pass = dispatchOnce();
                    failures.succeeded();
                    metrics.dispatcherRound();
                    switch (pass) {
                        case QUEUED -> {
                        }
                        case FULL -> Thread.sleep(1);
                        case IDLE -> Thread.sleep(properties.idlePoll().toMillis());
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                // An Error too (out of memory, say): the node keeps claiming once it passes.
                failures.failed(e);
                sleep();
            }
        }
    }

    void stop() {
        active = false;
    }

    /**
     * One pass over the running campaigns whose gate is open and whose sending window lets them send
     * now, each claiming its share of its pool's room.
     */
    Pass dispatchOnce() {
        // Outside its sending window a campaign is passed over here, so no claim touches its rows.
        Instant now = Timestamps.now(clock);
        List<LaunchedCampaign> open = running.get().stream()
                .filter(c -> gates.gate(c.id()).isOpen() && c.maySendAt(now)).toList();
        long turn = turns++;
        Pass pass = Pass.IDLE;
        for (Map.Entry<String, List<LaunchedCampaign>> pool : routing.byPool(open).entrySet()) {
            BlockingQueue<SendJob> jobs = queues.of(pool.getKey());
            if (jobs == null) {
                continue;
            }
            if (!PoolQueues.wantsMore(jobs)) {
                pass = pass == Pass.QUEUED ? pass : Pass.FULL;
            } else if (dispatch(pool.getKey(), pool.getValue(), jobs, turn)) {
                pass = Pass.QUEUED;
            }
        }
        return pass;
    }

    /** Claims for these campaigns of one pool into its queue; true when it queued anything. */
    private boolean dispatch(String pool, List<LaunchedCampaign> campaigns, BlockingQueue<SendJob> jobs, long turn) {
        boolean queued = false;
        for (ClaimPlan.Share share : ClaimPlan.of(campaigns, jobs.remainingCapacity(), turn).shares()) {
            int room = Math.min(share.rows(), jobs.remainingCapacity());
            if (room == 0) {
                return true;
            }
            LaunchedCampaign campaign = share.campaign();
            List<ClaimedDelivery> claimed = claim(campaign, pool, room);
            claimed.forEach(delivery -> jobs.add(new SendJob(delivery, campaign)));
            if (claimed.isEmpty()) {
                completeIfDone(campaign);
            }
            queued |= !claimed.isEmpty();
        }
        return queued;
    }

    private List<ClaimedDelivery> claim(LaunchedCampaign campaign, String pool, int room) {
        return transactions.execute(status -> {
            Instant now = Timestamps.now(clock);
            List<ClaimedDelivery> claimed = campaign.gradual() == null && !throttles.limits(pool)
                    ? claims.claimDue(campaign.id(), now, room, node.nodeId(), properties.leaseDuration())
                    : claims.claim(admitted(campaign, pool, claims.lockDue(campaign.id(), now, room), now),
                            node.nodeId(), now, properties.leaseDuration());
            // A gradual campaign's rows are all due from its start: its pacing, not their lag, spaces them.
            if (campaign.gradual() == null) {
                claimed.forEach(delivery -> metrics.claimed(Duration.between(delivery.due(), now)));
            }
            return claimed;
        });
    }

    /** Of the locked rows, those the campaign's pacing and the pool's limits let it send now. */
    private List<Long> admitted(LaunchedCampaign campaign, String pool, List<Long> ids, Instant now) {
        if (campaign.gradual() != null && !ids.isEmpty()) {
            ids = ids.subList(0, pacer.reserve(campaign.id(), PacingRule.of(campaign.gradual()), now, ids.size()));
        }
        return throttles.admit(pool, ids, now);
    }

    /**
     * At most once per idle poll per campaign, since it counts rows. Throttled on elapsed time, not
     * on the application clock, which a test may hold still.
     */
    private void completeIfDone(LaunchedCampaign campaign) {
        long now = System.nanoTime();
        Long last = lastCompletionCheck.get(campaign.id());
        if (last != null && now - last < properties.idlePoll().toNanos()) {
            return;
        }
        lastCompletionCheck.put(campaign.id(), now);
        if (!claims.hasOpenDeliveries(campaign.id())) {
            campaigns.complete(campaign.ref(), () -> !claims.hasOpenDeliveries(campaign.id()));
            lastCompletionCheck.remove(campaign.id());
        }
    }

    private void sleep() {
        try {
            Thread.sleep(properties.idlePoll().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            active = false;
        }
    }
}

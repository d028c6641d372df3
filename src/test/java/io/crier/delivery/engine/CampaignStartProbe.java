package io.crier.delivery.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import io.crier.campaign.CampaignRef;
import io.crier.delivery.DeliveryProperties;

/**
 * Lets the benchmark (io.crier.bench) time a campaign's start, the audience snapshot, on its
 * own: the very calls the housekeeper and the audience snapshotter's workers make, without their
 * polling waits and on a node whose engine is off.
 */
public final class CampaignStartProbe {

    private CampaignStartProbe() {
    }

    /**
     * Starts a due scheduled campaign and queues its whole audience with as many workers as a node
     * runs; true when this call started it.
     */
    public static boolean start(ApplicationContext crier, CampaignRef campaign)
            throws InterruptedException, ExecutionException {
        if (!crier.getBean(CampaignStarter.class).startIfDue(campaign)) {
            return false;
        }
        AudienceSnapshots snapshots = crier.getBean(AudienceSnapshots.class);
        DeliveryProperties properties = crier.getBean(DeliveryProperties.class);
        // Made here: the benchmark's node has its engine (and so the Claimer) off.
        AudienceSnapshotter snapshotter = new AudienceSnapshotter(snapshots, crier.getBean(TransactionTemplate.class),
                properties, crier.getBean(Clock.class));
        int workers = AudienceSnapshotter.workers(properties, crier.getBean(LedgerDialect.class));
        try (ExecutorService threads = Executors.newFixedThreadPool(workers)) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(threads.submit(() -> {
                    while (snapshots.underWay().contains(campaign.id())) {
                        if (!snapshotter.queueOneChunk(campaign.id())) {
                            // Another worker holds the last range: wait for it to end the snapshot.
                            LockSupport.parkNanos(1_000_000);
                        }
                    }
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        }
        return true;
    }
}

package io.crier.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The JVM's heap while something runs: the highest used heap seen, garbage included, from a
 * sampler every few milliseconds and from every garbage collection's "before" figure (the moment
 * heap use is at its highest); and the highest heap still used after a collection, which is what
 * was really held.
 */
final class HeapWatch implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 5;
    /** A collection reports every memory pool; only the heap's count here. */
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());

    private final AtomicLong peak = new AtomicLong(usedHeap());
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final List<Registration> registrations = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    private record Registration(NotificationEmitter emitter, NotificationListener listener) {
    }

    private HeapWatch() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                NotificationListener listener = this::onGarbageCollection;
                emitter.addNotificationListener(listener, null, null);
                registrations.add(new Registration(emitter, listener));
            }
        }
        sampler = Thread.ofPlatform().daemon().name("bench-heap-sampler").start(this::sample);
    }

    static HeapWatch start() {
        return new HeapWatch();
    }

    /** Used heap after a full collection: what is really held. */
    static long liveHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return usedHeap();
    }

    static long maxHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    long peak() {
        return peak.get();
    }

    /** The most heap still in use after any collection during the watch: what was really held. */
    long peakAfterGc() {
        return peakAfterGc.get();
    }

    long collections() {
        return collections.get();
    }

    @Override
    public void close() throws Exception {
        running = false;
        sampler.join();
        for (Registration registration : registrations) {
            registration.emitter().removeNotificationListener(registration.listener());
        }
    }

    private void sample() {
        while (running) {
            peak.accumulateAndGet(usedHeap(), Math::max);
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void onGarbageCollection(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        peak.accumulateAndGet(heapIn(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
        peakAfterGc.accumulateAndGet(heapIn(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
        collections.incrementAndGet();
    }

    private static long heapIn(Map<String, MemoryUsage> pools) {
        return pools.entrySet().stream()
                .filter(pool -> HEAP_POOLS.contains(pool.getKey()))
                .mapToLong(pool -> pool.getValue().getUsed())
                .sum();
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

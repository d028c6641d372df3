package io.crier.bench;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.management.OperatingSystemMXBean;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The node's database connection pools while something runs, sampled every couple of milliseconds:
 * how often a thread was waiting for a connection and how many at most, the most connections in
 * use, and the machine's CPU load. Tells whether a slow call queued for a connection or for CPU.
 */
final class PoolWatch implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 2;

    private final List<HikariDataSource> pools = new ArrayList<>();
    private final OperatingSystemMXBean system = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong samplesWithWaiting = new AtomicLong();
    private final AtomicLong maxWaiting = new AtomicLong();
    private final AtomicLong maxActive = new AtomicLong();
    private final AtomicLong cpuLoadPermille = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private PoolWatch(ConfigurableApplicationContext context) throws SQLException {
        // The benchmark's statement counter wraps each DataSource bean: the pool is behind it.
        for (DataSource dataSource : context.getBeansOfType(DataSource.class).values()) {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                pools.add(dataSource.unwrap(HikariDataSource.class));
            }
        }
        if (pools.isEmpty()) {
            throw new IllegalStateException("No Hikari pool to watch among " + context.getBeansOfType(DataSource.class).keySet());
        }
        sampler = Thread.ofPlatform().daemon().name("bench-pool-sampler").start(this::sample);
    }

    static PoolWatch start(CrierNode node) throws SQLException {
        return new PoolWatch(node.context());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
    }

    /** Writes the figures under {@code prefix}: pool_waiting_share (%), pool_waiting_max, pool_active_max, cpu_load (%). */
    void record(BenchOptions options, String prefix) {
        long taken = Math.max(1, samples.get());
        options.result(prefix + "pool_waiting_share", EngineBenchmark.round(100.0 * samplesWithWaiting.get() / taken));
        options.result(prefix + "pool_waiting_max", maxWaiting.get());
        options.result(prefix + "pool_active_max", maxActive.get());
        options.result(prefix + "cpu_load", EngineBenchmark.round(cpuLoadPermille.get() / 10.0 / taken));
    }

    private void sample() {
        while (running) {
            int waiting = 0;
            int active = 0;
            for (HikariDataSource pool : pools) {
                if (pool.getHikariPoolMXBean() != null) {
                    waiting += pool.getHikariPoolMXBean().getThreadsAwaitingConnection();
                    active += pool.getHikariPoolMXBean().getActiveConnections();
                }
            }
            samples.incrementAndGet();
            if (waiting > 0) {
                samplesWithWaiting.incrementAndGet();
            }
            maxWaiting.accumulateAndGet(waiting, Math::max);
            maxActive.accumulateAndGet(active, Math::max);
            cpuLoadPermille.addAndGet(Math.round(Math.max(0, system.getCpuLoad()) * 1000));
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}

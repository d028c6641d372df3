package io.crier.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time used so far, as Linux counts it: by one process, by the PostgreSQL server's processes,
 * and by the whole machine. A phase takes them before and after a campaign; the differences over
 * its duration are the cores each used.
 */
final class CpuTimes {

    /** The unit of /proc/stat's counters (USER_HZ), 100 on every Linux architecture. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuTimes() {
    }

    /** The process's CPU time; 0 for no process (pid 0) or one that has ended. */
    static long processNanos(long pid) {
        return pid <= 0 ? 0 : ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration())
                .map(Duration::toNanos).orElse(0L);
    }

    /** The CPU time of each running PostgreSQL server process (this machine's), by pid. */
    static Map<Long, Long> postgresNanos() {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false))
                .collect(Collectors.toMap(ProcessHandle::pid,
                        process -> process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)));
    }

    /**
     * The PostgreSQL processes' CPU time between two readings: what each process running at the
     * second used since the first (all of it for one started since). A backend that ended between
     * them is missed; the nodes' pooled connections keep theirs.
     */
    static long postgresNanosBetween(Map<Long, Long> before, Map<Long, Long> after) {
        return after.entrySet().stream().mapToLong(entry -> entry.getValue() - before.getOrDefault(entry.getKey(), 0L))
                .sum();
    }

    /** The time all cores have been busy (anything but idle and I/O wait), from /proc/stat. */
    static long machineBusyNanos() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long[] ticks = Arrays.stream(fields, 1, fields.length).mapToLong(Long::parseLong).toArray();
            // user nice system idle iowait irq softirq steal (guest time is already counted in user)
            long busy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + (ticks.length > 7 ? ticks[7] : 0);
            return busy * NANOS_PER_TICK;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

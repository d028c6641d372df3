package io.crier.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The size of the embedded database's file while a phase runs, sampled every 100 ms: H2 keeps
 * every chunk it stores for its retention time, so the file grows with how often it stores.
 */
final class FileSizeWatch implements AutoCloseable {

    private final Path file;
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private FileSizeWatch(Path file) {
        this.file = file;
        sample();
        sampler = Thread.ofPlatform().daemon().name("bench-file-sampler").start(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    static FileSizeWatch of(Path file) {
        return new FileSizeWatch(file);
    }

    long peak() {
        sample();
        return peak.get();
    }

    long now() {
        return size();
    }

    private void sample() {
        peak.accumulateAndGet(size(), Math::max);
    }

    private long size() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
    }
}

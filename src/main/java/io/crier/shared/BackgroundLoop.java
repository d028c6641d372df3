package io.crier.shared;

import java.time.Duration;

import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.context.SmartLifecycle;

/**
 * A task every node runs in the background: {@link #step()} on a virtual thread of its own, then a
 * pause of {@code period}, from the application's start to its stop. A step that fails is logged
 * ({@link FailureStreak}) and the loop goes on after the pause.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

    private final String threadName;
    private final Duration period;
    private volatile boolean running;
    private Thread thread;
    private FailureStreak failures;

    protected BackgroundLoop(String threadName, Duration period) {
        this.threadName = threadName;
        this.period = period;
    }

    /** One round of the task. */
    protected abstract void step();

    /** What a round is called in the log, as in "{roundName} failed". */
    protected abstract String roundName();

    @Override
    public synchronized void start() {
        running = true;
        failures = new FailureStreak(LoggerFactory.getLogger(getClass()), Level.WARN, roundName());
        thread = Thread.ofVirtual().name(threadName).start(this::run);
    }

    @Override
    public synchronized void stop() {
        running = false;
        thread.interrupt();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                step();
                failures.succeeded();
            } catch (RuntimeException e) {
                failures.failed(e);
            }
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}

package io.crier.sender;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.crier.access.Workspace;
import io.crier.shared.ApiException;

/**
 * With the capture relay (no relay configured), gives the default workspace a default sender when
 * it has no sender at all, so that every dialect's documented flow works on a fresh install without
 * a setting. Runs before the HTTP server takes calls, after the default workspace exists.
 */
@Component
class SenderPreset implements SmartLifecycle {

    static final String EMAIL = "crier@crier.localhost";
    static final String NAME = "Crier";
    private static final Logger log = LoggerFactory.getLogger(SenderPreset.class);

    private final SenderService senders;
    private final SenderRepository repository;
    private final boolean captureRelay;
    private volatile boolean running;

    SenderPreset(SenderService senders, SenderRepository repository, Environment environment) {
        this.senders = senders;
        this.repository = repository;
        this.captureRelay = !DomainPolicy.realRelayConfigured(environment);
    }

    @Override
    public void start() {
        running = true;
        if (!captureRelay || repository.count(Workspace.DEFAULT_ID) > 0) {
            return;
        }
        try {
            senders.create(Workspace.DEFAULT_ID, EMAIL, NAME, null, true);
            log.info("The default workspace's default sender is {} (mail goes to the capture relay)", EMAIL);
        } catch (ApiException refused) {
            // Another node starting at once made it first, or crier.senders.verify-domains is true.
            log.info("No sender preset for the default workspace: {}", refused.getMessage());
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server starts taking calls. */
    @Override
    public int getPhase() {
        return 0;
    }
}

package io.crier.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.crier.access.AccessService;
import io.crier.access.ApiPrincipal;
import io.crier.campaign.CampaignSnapshot;
import io.crier.campaign.Campaigns;
import io.crier.shared.ApiException;

/**
 * Live campaign progress for the dashboard as server-sent events: the page names the campaigns it
 * shows, and once a second each open stream reads them through {@link Campaigns} and sends them
 * (event {@code campaigns}, the snapshots as JSON) when anything changed. Reading the database
 * rather than listening to this node's events keeps it right when another node does the sending.
 * A stream ends once its session is signed out or its key revoked.
 */
@RestController
class CampaignStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CampaignStream.class);
    private static final Duration TICK = Duration.ofSeconds(1);
    /** The browser reconnects by itself after this; it bounds how long a forgotten tab holds a stream. */
    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);
    private static final int MAX_CAMPAIGNS = 100;

    private final Campaigns campaigns;
    private final AccessService access;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService ticker;

    CampaignStream(Campaigns campaigns, AccessService access) {
        this.campaigns = campaigns;
        this.access = access;
    }

    @GetMapping(path = "/app/events/campaigns", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@AuthenticationPrincipal ApiPrincipal caller, @RequestParam(name = "id") List<String> ids,
            HttpSession session) {
        if (ids.size() > MAX_CAMPAIGNS) {
            throw ApiException.invalid("id", "at most " + MAX_CAMPAIGNS + " campaigns per stream");
        }
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        String key = (String) session.getAttribute(DashboardSecurity.API_KEY);
        Subscriber subscriber = new Subscriber(caller.workspaceId(), List.copyOf(ids), emitter,
                () -> stillSignedIn(session, key));
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(error -> subscribers.remove(subscriber));
        subscribers.add(subscriber);
        subscriber.push(this);
        return emitter;
    }

    /** Signing out or revoking the key ends the session's streams too, within a tick. */
    private boolean stillSignedIn(HttpSession session, String key) {
        try {
            return key.equals(session.getAttribute(DashboardSecurity.API_KEY)) && access.authenticate(key).isPresent();
        } catch (IllegalStateException invalidated) {
            return false;
        }
    }

    private List<CampaignSnapshot> read(Subscriber subscriber) {
        return subscriber.ids().stream().map(id -> {
            try {
                return campaigns.get(subscriber.workspaceId(), id);
            } catch (ApiException notFound) {
                return null;
            }
        }).filter(Objects::nonNull).toList();
    }

    private void tick() {
        for (Subscriber subscriber : subscribers) {
            if (!subscriber.signedIn().getAsBoolean()) {
                subscribers.remove(subscriber);
                subscriber.emitter().complete();
                continue;
            }
            try {
                subscriber.push(this);
            } catch (RuntimeException e) {
                log.debug("Campaign stream dropped", e);
                subscribers.remove(subscriber);
                subscriber.emitter().completeWithError(e);
            }
        }
    }

    @Override
    public void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("campaign-stream").factory());
        ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends every open stream first, so graceful shutdown does not wait for browsers to leave. */
    @Override
    public void stop() {
        ticker.shutdownNow();
        subscribers.forEach(subscriber -> subscriber.emitter().complete());
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return ticker != null && !ticker.isShutdown();
    }

    private static final class Subscriber {

        private final UUID workspaceId;
        private final List<String> ids;
        private final SseEmitter emitter;
        private final BooleanSupplier signedIn;
        private List<CampaignSnapshot> lastSent;

        Subscriber(UUID workspaceId, List<String> ids, SseEmitter emitter, BooleanSupplier signedIn) {
            this.workspaceId = workspaceId;
            this.ids = ids;
            this.emitter = emitter;
            this.signedIn = signedIn;
        }

        BooleanSupplier signedIn() {
            return signedIn;
        }

        UUID workspaceId() {
            return workspaceId;
        }

        List<String> ids() {
            return ids;
        }

        SseEmitter emitter() {
            return emitter;
        }

        synchronized void push(CampaignStream stream) {
            List<CampaignSnapshot> now = stream.read(this);
            if (now.equals(lastSent)) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().name("campaigns").data(now, MediaType.APPLICATION_JSON));
            } catch (IOException gone) {
                throw new IllegalStateException("The browser left", gone);
            }
            lastSent = now;
        }
    }
}

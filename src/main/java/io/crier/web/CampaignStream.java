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
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.crier.access.AccessService;
import io.crier.access.ApiPrincipal;
import io.crier.access.KeyRateLimits;
import io.crier.access.Scope;
import io.crier.campaign.CampaignSnapshot;
import io.crier.campaign.Campaigns;
import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.RateLimitedException;

/**
 * Live campaign progress for the dashboard as server-sent events: the page names the campaigns it
 * shows, and once a second each open stream reads them through {@link Campaigns} and sends them
 * (event {@code campaigns}, the snapshots as JSON) when anything changed. Reading the database
 * rather than listening to this node's events keeps it right when another node does the sending.
 * A stream ends once its session is signed out or its key revoked.
 *
 * <p>Each stream costs the database a read per campaign every second, so it needs {@code read}, a
 * session and a key may hold only so many ({@code crier.dashboard.streams.*}), and opening one and
 * each of its ticks take a token of the key's API rate limit: a tick the key cannot pay for is
 * skipped. A tick that fails (the database briefly gone) ends that stream only; the browser
 * reconnects by itself.
 */
@RestController
class CampaignStream implements SmartLifecycle {

    /**
     * @param perSession live streams one dashboard session may hold open at once
     * @param perKey     live streams of all sessions signed in with one API key
     */
    @ConfigurationProperties("crier.dashboard.streams")
    record Limits(@DefaultValue("4") int perSession, @DefaultValue("10") int perKey) {
    }

    private static final Logger log = LoggerFactory.getLogger(CampaignStream.class);
    private static final Duration TICK = Duration.ofSeconds(1);
    /** The browser reconnects by itself after this; it bounds how long a forgotten tab holds a stream. */
    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);
    private static final int MAX_CAMPAIGNS = 100;

    private final Campaigns campaigns;
    private final AccessService access;
    private final KeyRateLimits rateLimits;
    private final Limits limits;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService ticker;

    CampaignStream(Campaigns campaigns, AccessService access, KeyRateLimits rateLimits, Limits limits) {
        this.campaigns = campaigns;
        this.access = access;
        this.rateLimits = rateLimits;
        this.limits = limits;
    }

    @GetMapping(path = "/app/events/campaigns", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@AuthenticationPrincipal ApiPrincipal caller, @RequestParam(name = "id") List<String> ids,
            HttpSession session) {
        if (ids.size() > MAX_CAMPAIGNS) {
            throw ApiException.invalid("id", "at most " + MAX_CAMPAIGNS + " campaigns per stream");
        }
        caller.require(Scope.READ, "to watch campaigns");
        if (!rateLimits.tryTake(caller.keyId())) {
            throw RateLimitedException.after("Too many requests", TICK.toNanos());
        }
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        String key = (String) session.getAttribute(DashboardSecurity.API_KEY);
        Subscriber subscriber = new Subscriber(caller.workspaceId(), caller.keyId(), session.getId(),
                List.copyOf(ids), emitter, () -> stillSignedIn(session, key));
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(error -> subscribers.remove(subscriber));
        admit(subscriber);
        subscriber.push(this);
        return emitter;
    }

    /** Adds the stream unless its session or key already holds as many as allowed: then a 429. */
    private synchronized void admit(Subscriber subscriber) {
        if (subscribers.stream().filter(s -> s.sessionId().equals(subscriber.sessionId())).count()
                >= limits.perSession()) {
            throw tooMany("this session", limits.perSession(), "crier.dashboard.streams.per-session");
        }
        if (subscribers.stream().filter(s -> s.keyId().equals(subscriber.keyId())).count() >= limits.perKey()) {
            throw tooMany("this API key", limits.perKey(), "crier.dashboard.streams.per-key");
        }
        subscribers.add(subscriber);
    }

    private static ApiException tooMany(String holder, int limit, String setting) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, ErrorCodes.RATE_LIMITED, "At most " + limit
                + " live streams may be open for " + holder + " (" + setting + "); close another tab first");
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

    /**
     * Whatever one stream's turn throws ends that stream alone: an exception escaping this method
     * would stop the scheduled task, and with it every stream of the node.
     */
    private void tick() {
        for (Subscriber subscriber : subscribers) {
            try {
                if (!subscriber.signedIn().getAsBoolean()) {
                    subscribers.remove(subscriber);
                    subscriber.emitter().complete();
                } else if (rateLimits.tryTake(subscriber.keyId())) {
                    subscriber.push(this);
                }
            } catch (RuntimeException e) {
                // Ended, not failed: the answer is long under way, and the browser reconnects either way.
                log.debug("Campaign stream ended by a failed tick", e);
                subscribers.remove(subscriber);
                subscriber.emitter().complete();
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
        private final UUID keyId;
        private final String sessionId;
        private final List<String> ids;
        private final SseEmitter emitter;
        private final BooleanSupplier signedIn;
        private List<CampaignSnapshot> lastSent;

        Subscriber(UUID workspaceId, UUID keyId, String sessionId, List<String> ids, SseEmitter emitter,
                BooleanSupplier signedIn) {
            this.workspaceId = workspaceId;
            this.keyId = keyId;
            this.sessionId = sessionId;
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

        UUID keyId() {
            return keyId;
        }

        String sessionId() {
            return sessionId;
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

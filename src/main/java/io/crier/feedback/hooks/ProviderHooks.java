package io.crier.feedback.hooks;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.crier.feedback.Feedback;
import io.crier.feedback.FeedbackIntake;
import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;

/**
 * Receives a provider's request at its hook: finds the hook by its token, has the provider's
 * {@link ProviderEvents} verify and read it, and hands each bounce and complaint to
 * {@link FeedbackIntake} as feedback of the hook's workspace, so it can match that workspace's
 * deliveries only. Malformed events are refused by name after the others are applied.
 */
@Service
class ProviderHooks {

    private static final Logger log = LoggerFactory.getLogger(ProviderHooks.class);

    /** What became of a request's events. */
    record Outcome(int applied, int unmatched, int ignored) {
    }

    private final FeedbackHooks hooks;
    private final FeedbackIntake intake;
    private final Map<HookProvider, ProviderEvents> providers = new EnumMap<>(HookProvider.class);

    ProviderHooks(FeedbackHooks hooks, FeedbackIntake intake, List<ProviderEvents> providers) {
        this.hooks = hooks;
        this.intake = intake;
        providers.forEach(provider -> this.providers.put(provider.provider(), provider));
    }

    Outcome receive(String providerName, String token, HookRequest request) {
        HookProvider provider = HookProvider.named(providerName).orElseThrow(ProviderHooks::unknown);
        ActiveHook hook = hooks.resolve(provider, token).orElseThrow(ProviderHooks::unknown);
        HookEvents events = providers.get(provider).read(request, hook);
        int applied = 0;
        int unmatched = 0;
        for (Feedback feedback : events.feedback()) {
            switch (intake.accept(feedback, hook.workspaceId())) {
                case FeedbackIntake.Applied ignoredDelivery -> applied++;
                case FeedbackIntake.Unmatched why -> {
                    unmatched++;
                    log.info("A {} event to provider webhook {} matched no delivery: {}", provider.wire(), hook.id(),
                            why.reason());
                }
            }
        }
        if (!events.problems().isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.VALIDATION_FAILED, events.problems().size()
                    + " event(s) malformed and refused; " + applied + " applied, " + unmatched + " matched no"
                    + " delivery, " + events.ignored() + " ignored", events.problems());
        }
        return new Outcome(applied, unmatched, events.ignored());
    }

    private static ApiException unknown() {
        return ApiException.notFound("FEEDBACK_HOOK", "Provider webhook");
    }
}

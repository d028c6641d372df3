package io.crier.feedback.hooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.crier.access.WorkspaceCaps;
import io.crier.shared.ApiException;
import io.crier.shared.CrierProperties;
import io.crier.shared.ErrorCodes;
import io.crier.shared.FieldProblem;
import io.crier.shared.Ids;
import io.crier.shared.PageQuery;
import io.crier.shared.Timestamps;

/**
 * A workspace's provider webhooks: each made with what verifies its provider's requests and a
 * random token, shown once in the hook's URL. Only the token's SHA-256 is kept: the token has 256
 * random bits, so its plain hash is as hard to reverse as the token is to guess, and a request is
 * looked up by hashing what it presents, with no key to try row by row.
 */
@Service
class FeedbackHooks {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    /** arn:<partition>:sns:<region>:<12-digit account>:<topic name, a FIFO topic's ending in .fifo>. */
    private static final Pattern TOPIC_ARN =
            Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");

    /** A new hook with the URL to paste at the provider, shown only here. */
    record Created(FeedbackHook hook, String url) {
    }

    private final FeedbackHookRepository repository;
    private final WorkspaceCaps caps;
    private final HookProperties properties;
    private final CrierProperties crier;
    private final Clock clock;

    FeedbackHooks(FeedbackHookRepository repository, WorkspaceCaps caps, HookProperties properties,
            CrierProperties crier, Clock clock) {
        this.repository = repository;
        this.caps = caps;
        this.properties = properties;
        this.crier = crier;
        this.clock = clock;
    }

    /**
     * Makes a hook for {@code provider} with its verification material: SendGrid's public key,
     * Mailgun's signing key, Postmark's user name and password; SES needs none (SNS signs with
     * Amazon's certificate) and may name the topics it takes. A 400 names a field the provider needs that is missing or unusable,
     * a 409 says the workspace has {@code crier.feedback.hooks.per-workspace} hooks already.
     */
    Created create(UUID workspaceId, HookProvider provider, HookMaterial given) {
        HookMaterial material = checked(provider, given);
        String token = "fh_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        FeedbackHook hook = new FeedbackHook(Ids.newId(), provider, Timestamps.now(clock));
        caps.addWithin(workspaceId, properties.perWorkspace(), () -> repository.count(workspaceId),
                () -> repository.insert(workspaceId, hook, hash(token), material), this::full);
        return new Created(hook, crier.effectivePublicUrl() + "/hooks/" + provider.wire() + "/" + token);
    }

    Map<String, Object> page(UUID workspaceId, PageQuery query) {
        return query.result("feedbackHooks", repository.page(workspaceId, query), repository.count(workspaceId));
    }

    FeedbackHook get(UUID workspaceId, String id) {
        return Ids.parse(id).flatMap(hookId -> repository.find(workspaceId, hookId))
                .orElseThrow(FeedbackHooks::notFound);
    }

    void delete(UUID workspaceId, String id) {
        if (!Ids.parse(id).map(hookId -> repository.delete(workspaceId, hookId)).orElse(false)) {
            throw notFound();
        }
    }

    /** The hook of this provider the token names; empty for any other token. */
    Optional<ActiveHook> resolve(HookProvider provider, String token) {
        return repository.byTokenHash(hash(token)).filter(hook -> hook.provider() == provider);
    }

    private static HookMaterial checked(HookProvider provider, HookMaterial given) {
        List<FieldProblem> problems = new ArrayList<>();
        HookMaterial material = switch (provider) {
            case SES -> {
                List<String> arns = given.topicArns();
                for (int i = 0; i < arns.size(); i++) {
                    if (arns.get(i) == null || !TOPIC_ARN.matcher(arns.get(i)).matches()) {
                        problems.add(new FieldProblem("topicArns[" + i + "]", "is not an SNS topic ARN"
                                + " (arn:aws:sns:<region>:<account id>:<topic name>)"));
                    }
                }
                yield new HookMaterial(null, null, null, null, arns);
            }
            case SENDGRID -> {
                require(problems, "publicKey", given.publicKey(), "SendGrid's verification key");
                if (given.publicKey() != null && !given.publicKey().isBlank()
                        && SendGridEvents.publicKey(given.publicKey()).isEmpty()) {
                    problems.add(new FieldProblem("publicKey", "is not an ECDSA public key in base64 (SendGrid's"
                            + " \"Verification Key\" of the signed Event Webhook)"));
                }
                yield new HookMaterial(given.publicKey(), null, null, null, null);
            }
            case MAILGUN -> {
                require(problems, "signingKey", given.signingKey(), "Mailgun's HTTP webhook signing key");
                yield new HookMaterial(null, given.signingKey(), null, null, null);
            }
            case POSTMARK -> {
                require(problems, "username", given.username(), "the user name in the URL you give Postmark");
                require(problems, "password", given.password(), "the password in the URL you give Postmark");
                if (given.username() != null && given.username().contains(":")) {
                    problems.add(new FieldProblem("username", "must not contain ':' (basic auth separates the"
                            + " password with it)"));
                }
                yield new HookMaterial(null, null, given.username(), given.password(), null);
            }
        };
        if (provider != HookProvider.SES && !given.topicArns().isEmpty()) {
            problems.add(new FieldProblem("topicArns", "is only for provider ses"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return material;
    }

    private static void require(List<FieldProblem> problems, String field, String value, String what) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required for this provider: " + what));
        }
    }

    static String hash(String token) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private ApiException full() {
        return new ApiException(HttpStatus.CONFLICT, ErrorCodes.CONFLICT, "This workspace has "
                + properties.perWorkspace() + " provider webhooks, the most allowed"
                + " (crier.feedback.hooks.per-workspace): delete one first");
    }

    private static ApiException notFound() {
        return ApiException.notFound("FEEDBACK_HOOK", "Provider webhook");
    }
}

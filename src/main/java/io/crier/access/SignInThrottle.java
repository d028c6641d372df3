package io.crier.access;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import io.github.bucket4j.Bucket;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

import io.crier.shared.RateLimitedException;

/**
 * Throttles guessing at API keys, per client address. Each presented key that is unknown or
 * revoked, on any API or at the dashboard's sign-in, takes a token from its address's bucket
 * ({@code burst} at once, refilled at {@code per-minute}); an address with none left gets a 429
 * before its key is even looked up, whatever key it sends, so guessing costs neither a hash nor a
 * database read. Keys that work take nothing: their callers meet only their key's own limit
 * ({@link RateLimitFilter}) unless a guesser shares their address. An IPv6 client counts per /64,
 * the block one host usually holds. Buckets are per node, and only addresses that failed have one.
 */
@Component
public class SignInThrottle {

    @ConfigurationProperties("crier.rate-limit.failed-sign-ins")
    record Settings(@DefaultValue("20") long burst, @DefaultValue("10") long perMinute) {
    }

    /** Beyond this many addresses with failures, those whose bucket is full again are forgotten. */
    private static final int MAX_ADDRESSES = 100_000;

    private final AccessService access;
    private final KeyedBuckets failures;

    SignInThrottle(Settings settings, AccessService access) {
        this.access = access;
        this.failures = new KeyedBuckets("addresses with failed sign-ins", settings.burst(), settings.perMinute(),
                Duration.ofMinutes(1), MAX_ADDRESSES);
    }

    /**
     * The caller this key stands for if it exists and is not revoked; empty (a failure counted
     * against the request's address) otherwise. A {@link RateLimitedException} if the address
     * has no failures left.
     */
    public Optional<ApiPrincipal> authenticate(HttpServletRequest request, String presentedKey) {
        String client = clientOf(request.getRemoteAddr());
        Bucket bucket = failures.existing(client);
        if (bucket != null && bucket.getAvailableTokens() < 1) {
            throw RateLimitedException.after("Too many unknown or revoked API keys from this address",
                    bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
        }
        Optional<ApiPrincipal> principal = access.authenticate(presentedKey);
        if (principal.isEmpty()) {
            failures.of(client).tryConsume(1);
        }
        return principal;
    }

    /** The address a client's failures count against: itself for IPv4, its /64 for IPv6. */
    public static String clientOf(String remoteAddress) {
        try {
            if (InetAddress.ofLiteral(remoteAddress) instanceof Inet6Address v6) {
                return HexFormat.of().formatHex(v6.getAddress(), 0, 8) + "/64";
            }
        } catch (IllegalArgumentException notALiteral) {
            // A servlet container always gives a literal; anything else is taken as it is.
        }
        return remoteAddress;
    }
}

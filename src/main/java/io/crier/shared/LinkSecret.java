package io.crier.shared;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The server secret that signs links in mail: {@code crier.link-secret} when configured, otherwise
 * one made at random on the first start and kept in the database, so every node (and every
 * restart) signs and checks links alike. Ready before the HTTP server takes calls. Each purpose
 * (unsubscribe links, tracking links) gets {@link SignedTokens} with keys of its own.
 */
@Component
public class LinkSecret implements SmartInitializingSingleton {

    private static final int GENERATED_BYTES = 32;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String configured;
    private final Map<String, SignedTokens> byPurpose = new ConcurrentHashMap<>();
    private volatile byte[] secret;

    LinkSecret(JdbcClient jdbc, Clock clock, @Value("${crier.link-secret:}") String configured) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.configured = configured;
    }

    @Override
    public void afterSingletonsInstantiated() {
        secret = (configured.isBlank() ? stored() : configured).getBytes(StandardCharsets.UTF_8);
    }

    /** The tokens of one purpose, their keys derived once. */
    public SignedTokens tokens(String purpose) {
        return byPurpose.computeIfAbsent(purpose, p -> new SignedTokens(secret, p));
    }

    private String stored() {
        return find().orElseGet(() -> {
            byte[] random = new byte[GENERATED_BYTES];
            new SecureRandom().nextBytes(random);
            try {
                jdbc.sql("insert into link_secret (id, secret, created_at) values (1, :secret, :now)")
                        .param("secret", Base64.getUrlEncoder().withoutPadding().encodeToString(random))
                        .param("now", Timestamps.toDb(Timestamps.now(clock)))
                        .update();
            } catch (DuplicateKeyException anotherNodeWasFirst) {
                // Its secret is the one every node uses.
            }
            return find().orElseThrow();
        });
    }

    private Optional<String> find() {
        return jdbc.sql("select secret from link_secret where id = 1").query(String.class).optional();
    }
}

package io.crier.suppression;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.crier.shared.Timestamps;

/**
 * The server secret that signs links in mail: {@code crier.link-secret} when configured, otherwise
 * one made at random on the first start and kept in the database, so every node (and every
 * restart) signs and checks links alike. Ready before the HTTP server takes calls.
 */
@Component
class LinkSecret implements SmartInitializingSingleton {

    private static final int GENERATED_BYTES = 32;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String configured;
    private volatile UnsubscribeTokens tokens;

    LinkSecret(JdbcClient jdbc, Clock clock, @Value("${crier.link-secret:}") String configured) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.configured = configured;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String secret = configured.isBlank() ? stored() : configured;
        tokens = new UnsubscribeTokens(secret.getBytes(StandardCharsets.UTF_8));
    }

    UnsubscribeTokens tokens() {
        return tokens;
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

    private java.util.Optional<String> find() {
        return jdbc.sql("select secret from link_secret where id = 1").query(String.class).optional();
    }
}

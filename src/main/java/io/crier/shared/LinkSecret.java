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
 * The server secret that signs links in mail: {@code crier.link-secret} when configured (the base64
 * of at least 32 random bytes), otherwise one made at random on the first start and kept in the
 * database, sealed with the master key, so every node (and every restart) signs and checks links
 * alike. Ready before the HTTP server takes calls; a stored secret still plaintext or sealed under an
 * older master key is sealed anew then (the secret itself stays, and so do the links already sent).
 * Each purpose (unsubscribe links, tracking links) gets {@link SignedTokens} with keys of its own.
 */
@Component
public class LinkSecret implements SmartInitializingSingleton {

    static final int MIN_BYTES = 32;
    private static final int ROW = 1;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SealedColumn sealed;
    private final String configured;
    private final Map<String, SignedTokens> byPurpose = new ConcurrentHashMap<>();
    private volatile byte[] secret;

    LinkSecret(JdbcClient jdbc, Clock clock, SecretBox box, @Value("${crier.link-secret:}") String configured) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.sealed = new SealedColumn(box, jdbc, "link_secret", "secret");
        this.configured = configured;
    }

    @Override
    public void afterSingletonsInstantiated() {
        // The secret's text is the key, as before sealing: links already sent stay valid.
        secret = (configured.isBlank() ? stored() : checked(configured)).getBytes(StandardCharsets.UTF_8);
    }

    /** The tokens of one purpose, their keys derived once. */
    public SignedTokens tokens(String purpose) {
        return byPurpose.computeIfAbsent(purpose, p -> new SignedTokens(secret, p));
    }

    /** A configured secret guessed from one link would let anyone forge links: it must be long and random. */
    private static String checked(String configured) {
        if (RandomKeys.decode(configured).length < MIN_BYTES) {
            throw new IllegalStateException("crier.link-secret (CRIER_LINK_SECRET) must be the base64 of at least "
                    + MIN_BYTES + " random bytes; " + RandomKeys.HOW_TO_MAKE_ONE);
        }
        return configured;
    }

    private String stored() {
        if (find().isEmpty()) {
            byte[] random = new byte[MIN_BYTES];
            new SecureRandom().nextBytes(random);
            try {
                jdbc.sql("insert into link_secret (id, secret, created_at) values (:id, :secret, :now)")
                        .param("id", ROW)
                        .param("secret", sealed.seal(Base64.getUrlEncoder().withoutPadding().encodeToString(random), ROW))
                        .param("now", Timestamps.toDb(Timestamps.now(clock)))
                        .update();
            } catch (DuplicateKeyException anotherNodeWasFirst) {
                // Its secret is the one every node uses.
            }
        }
        sealed.resealAll();
        return sealed.open(find().orElseThrow(), ROW);
    }

    private Optional<String> find() {
        return jdbc.sql("select secret from link_secret where id = :id").param("id", ROW).query(String.class).optional();
    }
}

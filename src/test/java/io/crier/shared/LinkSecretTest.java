package io.crier.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.crier.support.TestKeys;

/** A configured link secret: at least 32 random bytes in base64, and its text is the signing key, as always. */
class LinkSecretTest {

    private static final SecretBox BOX = new SecretBox(Base64.getDecoder().decode(TestKeys.masterKey()), List.of());

    @Test
    void aSecretOfFewerThan32BytesOrNotBase64StopsTheStartSayingHowToMakeOne() {
        for (String weak : List.of("changeme", "a passphrase of more than 32 characters!",
                Base64.getEncoder().encodeToString(new byte[31]))) {
            assertThatThrownBy(() -> configured(weak))
                    .as(weak)
                    .hasMessageContaining("at least 32 random bytes")
                    .hasMessageContaining("openssl rand -base64 32");
        }
    }

    @Test
    void aSecretOf32BytesInBase64SignsWithItsTextAsBefore() {
        String secret = TestKeys.masterKey();
        byte[] payload = {1, 2, 3};

        String token = configured(secret).tokens("unsubscribe").seal(payload);

        assertThat(new SignedTokens(secret.getBytes(StandardCharsets.UTF_8), "unsubscribe").open(token, 3))
                .contains(payload);
        assertThat(configured(Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]))).isNotNull();
    }

    private static LinkSecret configured(String secret) {
        LinkSecret linkSecret = new LinkSecret(null, Clock.systemUTC(), BOX, secret);
        linkSecret.afterSingletonsInstantiated();
        return linkSecret;
    }
}

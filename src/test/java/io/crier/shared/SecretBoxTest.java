package io.crier.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.crier.support.TestKeys;

/** Secrets sealed with the master key: unreadable without it, bound to their row, and rotatable. */
class SecretBoxTest {

    private static final byte[] OLD_KEY = Base64.getDecoder().decode(TestKeys.masterKey());
    private static final byte[] NEW_KEY = Base64.getDecoder().decode(TestKeys.masterKey());
    private static final String CONTEXT = "webhook.secret 7";

    @Test
    void aSealedValueShowsNothingOfTheSecretAndOpensOnlyInItsOwnContext() {
        SecretBox box = new SecretBox(NEW_KEY, List.of());
        String secret = "whsec_a-webhook-secret-of-some-length ✓";

        String sealed = box.seal(secret, CONTEXT);

        assertThat(sealed).matches("crier:v1:[0-9a-f]{8}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+")
                .startsWith("crier:v1:" + SecretBox.keyId(NEW_KEY) + ":")
                .doesNotContain("whsec", "secret");
        assertThat(box.seal(secret, CONTEXT)).as("a new nonce each time").isNotEqualTo(sealed);
        assertThat(box.open(sealed, CONTEXT)).isEqualTo(secret);
        assertThatThrownBy(() -> box.open(sealed, "webhook.secret 8"))
                .hasMessageContaining("does not open").hasMessageContaining("another row");
        String altered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("AA") ? "BA" : "AA");
        assertThatThrownBy(() -> box.open(altered, CONTEXT)).hasMessageContaining("was altered");
        assertThatThrownBy(() -> box.open(secret, CONTEXT)).hasMessageContaining("is not sealed");
    }

    @Test
    void aRotatedBoxOpensWhatTheOldKeySealedAndReseals() {
        SecretBox old = new SecretBox(OLD_KEY, List.of());
        SecretBox rotated = new SecretBox(NEW_KEY, List.of(OLD_KEY));
        String sealedByOld = old.seal("the secret", CONTEXT);

        assertThat(rotated.open(sealedByOld, CONTEXT)).isEqualTo("the secret");
        String resealed = rotated.resealed(sealedByOld, CONTEXT).orElseThrow();
        assertThat(resealed).startsWith("crier:v1:" + rotated.currentKeyId() + ":");
        assertThat(rotated.open(resealed, CONTEXT)).isEqualTo("the secret");
        assertThat(rotated.resealed(resealed, CONTEXT)).as("already under the current key").isEmpty();
        assertThat(rotated.open(rotated.resealed("plain, from before sealing", CONTEXT).orElseThrow(), CONTEXT))
                .isEqualTo("plain, from before sealing");

        SecretBox withoutOldKey = new SecretBox(NEW_KEY, List.of());
        assertThatThrownBy(() -> withoutOldKey.open(sealedByOld, CONTEXT))
                .hasMessageContaining("sealed under master key " + SecretBox.keyId(OLD_KEY))
                .hasMessageContaining("CRIER_MASTER_KEY_PREVIOUS");
    }
}

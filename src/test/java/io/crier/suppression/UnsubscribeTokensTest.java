package io.crier.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;



import io.crier.suppression.UnsubscribeTokens.Delivery;
import io.crier.suppression.UnsubscribeTokens.Test;


class UnsubscribeTokensTest {

    private final UnsubscribeTokens tokens = new UnsubscribeTokens(bytes("a server secret of some length"));

    @org.junit.jupiter.api.Test
    void aTokenStandsForItsDeliveryAndShowsNoId() {
        String token = tokens.forDelivery(42);

        assertThat(tokens.read(token)).contains(new Delivery(42));
        assertThat(tokens.forDelivery(42)).as("the same delivery, the same token").isEqualTo(token);
        assertThat(tokens.forDelivery(43)).isNotEqualTo(token);
        assertThat(token).matches("[A-Za-z0-9_-]{34}");
        byte[] raw = Base64.getUrlDecoder().decode(token);
        assertThat(HexFormat.of().formatHex(raw)).as("the id does not appear in clear").doesNotContain("2a");
        assertThat(tokens.read(tokens.forTest())).contains(new Test());
    }

    @org.junit.jupiter.api.Test
    void everyChangedByteAndEveryOtherSecretIsRefused() {
        String token = tokens.forDelivery(7);
        byte[] raw = Base64.getUrlDecoder().decode(token);
        for (int i = 0; i < raw.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] altered = raw.clone();
                altered[i] ^= (byte) (1 << bit);
                assertThat(tokens.read(Base64.getUrlEncoder().withoutPadding().encodeToString(altered)))
                        .as("byte %d bit %d flipped", i, bit).isEmpty();
            }
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < token.length(); i++) {
            for (char replacement : alphabet.toCharArray()) {
                if (replacement != token.charAt(i)) {
                    String altered = token.substring(0, i) + replacement + token.substring(i + 1);
                    assertThat(tokens.read(altered)).as("character %d changed to %s", i, replacement).isEmpty();
                }
            }
        }
        assertThat(new UnsubscribeTokens(bytes("another secret")).read(token)).isEmpty();
        assertThat(tokens.read(token.substring(1))).isEmpty();
        assertThat(tokens.read(token + "A")).isEmpty();
        assertThat(tokens.read("not a token!")).isEmpty();
        assertThat(tokens.read("")).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

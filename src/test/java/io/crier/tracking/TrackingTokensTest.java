package io.crier.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import io.crier.shared.SignedTokens;

/** Tracking tokens: what they stand for stays hidden, and they are valid for nothing but their own kind and purpose. */
class TrackingTokensTest {

    private static final byte[] SECRET = "a server secret of some length".getBytes(StandardCharsets.UTF_8);

    private final TrackingTokens tokens = new TrackingTokens(new SignedTokens(SECRET, "tracking"));

    @Test
    void openAndClickTokensStandForTheirDeliveryAndLinkAndShowNeither() {
        String open = tokens.open(4242);
        String click = tokens.click(4242, 77);

        assertThat(tokens.read(open)).contains(new TrackingTokens.Target(false, 4242, 0));
        assertThat(tokens.read(click)).contains(new TrackingTokens.Target(true, 4242, 77));
        assertThat(tokens.click(4242, 78)).isNotEqualTo(click);
        assertThat(tokens.click(4243, 77)).isNotEqualTo(click);
        assertThat(click).matches("[A-Za-z0-9_-]{44}");
        String hex = HexFormat.of().formatHex(Base64.getUrlDecoder().decode(click));
        assertThat(hex).as("neither id in clear").doesNotContain(HexFormat.of().toHexDigits(4242L))
                .doesNotContain(HexFormat.of().toHexDigits(77L));
    }

    @Test
    void aTokenOfAnotherPurposeOrSecretIsNoTrackingToken() {
        byte[] payload = ByteBuffer.allocate(17).put((byte) 2).putLong(4242).putLong(77).array();

        assertThat(tokens.read(new SignedTokens(SECRET, "unsubscribe").seal(payload))).isEmpty();
        assertThat(tokens.read(new SignedTokens("another secret".getBytes(StandardCharsets.UTF_8), "tracking")
                .seal(payload))).isEmpty();
        assertThat(tokens.read(new SignedTokens(SECRET, "tracking").seal(payload)))
                .contains(new TrackingTokens.Target(true, 4242, 77));
        assertThat(tokens.read(new SignedTokens(SECRET, "tracking").seal(ByteBuffer.allocate(17).put((byte) 9)
                .putLong(4242).putLong(77).array()))).as("an unknown kind").isEmpty();
    }
}

package io.crier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.crier.delivery.DeliveryReferences.Kind;
import io.crier.delivery.DeliveryReferences.Reference;
import io.crier.shared.SignedTokens;

class DeliveryReferencesTest {

    private static final byte[] SECRET = "a test secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);

    private final DeliveryReferences references = new DeliveryReferences(() -> new SignedTokens(SECRET, "delivery-reference"));

    @Test
    void eachReferenceLeadsBackToItsDelivery() {
        assertThat(references.read(references.returnPath(42, "bounces.example.com"))).hasValue(new Reference(Kind.RETURN_PATH, 42));
        assertThat(references.read(references.replyAddress(43, "replies.example.com"))).hasValue(new Reference(Kind.REPLY, 43));
        assertThat(references.read(references.unsubscribeAddress(44, "bounces.example.com")))
                .hasValue(new Reference(Kind.UNSUBSCRIBE, 44));
        assertThat(references.read(references.messageId(45, "example.com"))).hasValue(new Reference(Kind.MESSAGE_ID, 45));
    }

    @Test
    void oneSealedTokenSpellsEveryReferenceOfItsDelivery() {
        DeliveryReferences.Sealed sealed = references.sealed(46);
        assertThat(sealed.returnPath("bounces.example.com")).isEqualTo(references.returnPath(46, "bounces.example.com"));
        assertThat(sealed.replyAddress("r.example.com")).isEqualTo(references.replyAddress(46, "r.example.com"));
        assertThat(sealed.unsubscribeAddress("b.example.com")).isEqualTo(references.unsubscribeAddress(46, "b.example.com"));
        assertThat(sealed.messageId("example.com")).isEqualTo(references.messageId(46, "example.com"));
        assertThat(references.sealed(47).token()).isNotEqualTo(sealed.token());
    }

    @Test
    void referencesShowNoIdAndFitAnAddressLocalPart() {
        String returnPath = references.returnPath(7, "bounces.example.com");
        String local = returnPath.substring(0, returnPath.indexOf('@'));
        assertThat(local).matches("b-[0-9a-f]{48}").hasSizeLessThanOrEqualTo(64);
        assertThat(references.replyAddress(7, "r.example.com").indexOf('@')).isLessThanOrEqualTo(64);
        assertThat(references.returnPath(7, "x")).isEqualTo(returnPath.replace("bounces.example.com", "x"));
    }

    @Test
    void aMailSystemThatChangesTheLocalPartsCaseStillLeadsBack() {
        assertThat(references.read(references.returnPath(9, "bounces.example.com").toUpperCase()))
                .hasValue(new Reference(Kind.RETURN_PATH, 9));
    }

    @Test
    void anythingCrierDidNotMakeLeadsNowhere() {
        String real = references.returnPath(42, "bounces.example.com");
        char flipped = real.charAt(5) == '0' ? '1' : '0';
        String changed = real.substring(0, 5) + flipped + real.substring(6);
        DeliveryReferences otherSecret = new DeliveryReferences(() -> new SignedTokens(
                "another secret, just as long as the first".getBytes(StandardCharsets.UTF_8), "delivery-reference"));
        assertThat(references.read(changed)).isEmpty();
        assertThat(references.read(otherSecret.returnPath(42, "bounces.example.com"))).isEmpty();
        assertThat(references.read("<abc@example.com>")).isEmpty();
        assertThat(references.read("postmaster@example.com")).isEmpty();
        assertThat(references.read("")).isEmpty();
        assertThat(references.read(null)).isEmpty();
    }
}

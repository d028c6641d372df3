package io.crier.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationListener;
import org.springframework.core.io.support.SpringFactoriesLoader;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * The native provider, where it loads on this machine, is the one Crier's crypto gets, and the
 * link tokens it makes are byte for byte those of the JDK's providers (mails already sent keep
 * working links).
 */
class NativeCryptoTest {

    private static final Provider NATIVE = AmazonCorrettoCryptoProvider.INSTANCE;
    private static final byte[] SECRET = "a link secret of at least thirty-two bytes".getBytes(StandardCharsets.US_ASCII);

    @BeforeAll
    static void installWhereItLoads() {
        assumeThat(AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError()).as("native provider loads here").isNull();
        assertThat(NativeCrypto.install()).isEqualTo("native, installed first");
    }

    @Test
    void springBootRunsTheInstallerBeforeAnyBean() {
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(ApplicationListener.class))
                .anyMatch(NativeCrypto.class::isInstance);
    }

    @Test
    void dkimSignaturesDigestsAndHmacResolveToTheNativeProvider() throws Exception {
        // jDKIM asks for Signature.getInstance("SHA256withRSA") and MessageDigest.getInstance("SHA-256")
        // without naming a provider (DKIMSigner, BodyHasherImpl), as do the link tokens for their MAC.
        assertThat(Signature.getInstance("SHA256withRSA").getProvider()).isSameAs(NATIVE);
        assertThat(MessageDigest.getInstance("SHA-256").getProvider()).isSameAs(NATIVE);
        assertThat(Mac.getInstance("HmacSHA256").getProvider()).isSameAs(NATIVE);
        assertThat(Cipher.getInstance("AES/GCM/NoPadding").getProvider()).isSameAs(NATIVE);
        assertThat(NativeCrypto.inUse()).startsWith(NATIVE.getName() + " ");
    }

    @Test
    void aesCtrResolvesToTheNativeProviderWhereItOffersIt() throws Exception {
        Provider expected = NATIVE.getService("Cipher", "AES/CTR/NoPadding") != null ? NATIVE
                : java.security.Security.getProvider("SunJCE");
        assertThat(Cipher.getInstance("AES/CTR/NoPadding").getProvider()).isSameAs(expected);
    }

    @Test
    void tokensAreThoseTheJdksProvidersMakeAndStillOpen() throws Exception {
        byte[] payload = "campaign-delivery-42".getBytes(StandardCharsets.US_ASCII);
        // A thread of its own: its cipher and MAC instances are made now, with the native provider first.
        String token = CompletableFuture.supplyAsync(() -> new SignedTokens(SECRET, "unsubscribe").seal(payload)).get();

        assertThat(token).isEqualTo(sealedByTheJdk(payload, "unsubscribe"));
        assertThat(CompletableFuture.supplyAsync(() -> new SignedTokens(SECRET, "unsubscribe").open(token, payload.length))
                .get()).hasValueSatisfying(opened -> assertThat(opened).isEqualTo(payload));
        assertThat(new SignedTokens(SECRET, "tracking").open(token, payload.length)).isEmpty();
    }

    /** SignedTokens' construction, spelled out with the JDK's SunJCE named outright. */
    private static String sealedByTheJdk(byte[] payload, String purpose) throws Exception {
        byte[] macKey = sunHmac(SECRET, (purpose + "-mac").getBytes(StandardCharsets.US_ASCII));
        byte[] aesKey = Arrays.copyOf(sunHmac(SECRET, (purpose + "-aes").getBytes(StandardCharsets.US_ASCII)), 16);
        byte[] tag = Arrays.copyOf(sunHmac(macKey, payload), 16);
        Cipher aes = Cipher.getInstance("AES/CTR/NoPadding", "SunJCE");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(tag));
        byte[] token = Arrays.copyOf(tag, 16 + payload.length);
        System.arraycopy(aes.doFinal(payload), 0, token, 16, payload.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    private static byte[] sunHmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256", "SunJCE");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}

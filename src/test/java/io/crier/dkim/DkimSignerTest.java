package io.crier.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

import io.crier.content.MessageContent;
import io.crier.content.MessageTemplate;
import io.crier.content.Recipient;
import io.crier.shared.NativeCrypto;
import io.crier.support.TestKeys;
import io.crier.support.DkimVerifier;
import io.crier.support.DkimVerifier.Verdict;

/** Signatures made by {@link DkimSigner} on Crier's rendered messages, checked by dkimpy. */
class DkimSignerTest {

    private static final RSAPrivateCrtKey KEY = RsaKeys.generate();
    private static final DkimSigner SIGNER = new DkimSigner("crier.test", "sel1", KEY);
    private static final String DNS_NAME = "sel1._domainkey.crier.test";

    @Test
    void aRenderedMessageWithNonAsciiNamesSubjectAndLongLinesVerifies() {
        byte[] signed = SIGNER.sign(rendered());

        Verdict verdict = verify(signed);
        assertThat(verdict.valid()).as(verdict.log()).isTrue();
        String field = signatureField(signed);
        assertThat(field).startsWith("DKIM-Signature:").contains("a=rsa-sha256", "c=relaxed/relaxed", "d=crier.test",
                "s=sel1");
        assertThat(field.replaceAll("\\s", "")).contains("h=from:from:to:subject:date:message-id:reply-to:mime-version:"
                + "content-type:list-unsubscribe:list-unsubscribe-post;");
        assertThat(field.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
    }

    @Test
    void relaxedCanonicalisationIgnoresTrailingWhitespaceAndBlankLinesButNoAlteredByte() {
        byte[] message = ascii("""
                From: Sender <news@crier.test>\r
                To: reader@example.org\r
                Subject: Trailing  whitespace\r
                Date: Mon, 23 Nov 2026 01:00:00 +0000\r
                Message-ID: <m1@crier.test>\r
                MIME-Version: 1.0\r
                Content-Type: text/plain; charset=us-ascii\r
                \r
                A line with trailing spaces   \r
                \tan indented line\t\r
                \r
                the last line\r
                \r
                \r
                \r
                """);
        byte[] signed = SIGNER.sign(message);

        Verdict original = verify(signed);
        assertThat(original.valid()).as(original.log()).isTrue();
        // What relaxed/relaxed forgives: whitespace at line ends and in runs, empty lines at the end.
        String forgiven = new String(signed, StandardCharsets.US_ASCII)
                .replace("trailing spaces   \r\n", "trailing spaces\r\n")
                .replace("Subject: Trailing  whitespace", "Subject:  Trailing whitespace ")
                .replace("the last line\r\n\r\n\r\n\r\n", "the last line  \r\n");
        Verdict relaxed = verify(ascii(forgiven));
        assertThat(relaxed.valid()).as(relaxed.log()).isTrue();
        // What it does not: one changed byte of the body.
        byte[] altered = Arrays.copyOf(signed, signed.length);
        altered[indexOf(altered, "the last line")] = 'T';
        Verdict verdict = verify(altered);
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.log()).contains("body hash mismatch");
    }

    @Test
    void aLongerKeysSignatureIsFoldedIntoShortLinesAndStillVerifies() {
        RSAPrivateCrtKey longKey = (RSAPrivateCrtKey) TestKeys.generate("RSA", 4096);
        byte[] signed = new DkimSigner("crier.test", "sel1", longKey).sign(rendered());

        Verdict verdict = DkimVerifier.verify(signed, DNS_NAME, RsaKeys.dnsRecord(longKey));
        assertThat(verdict.valid()).as(verdict.log()).isTrue();
        assertThat(signatureField(signed).split("\r\n"))
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(200));
    }

    @Test
    void withTheNativeProviderFirstSignaturesStillVerify() throws Exception {
        assumeThat(AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError()).as("native provider loads here").isNull();
        NativeCrypto.install();
        assertThat(Signature.getInstance("SHA256withRSA").getProvider()).isSameAs(AmazonCorrettoCryptoProvider.INSTANCE);

        // KEY was made by the JDK's providers before; a key read or made now is the native provider's.
        Verdict jdkKey = verify(SIGNER.sign(rendered()));
        assertThat(jdkKey.valid()).as(jdkKey.log()).isTrue();
        RSAPrivateCrtKey nativeKey = RsaKeys.generate();
        Verdict verdict = DkimVerifier.verify(new DkimSigner("crier.test", "sel1", nativeKey).sign(rendered()), DNS_NAME,
                RsaKeys.dnsRecord(nativeKey));
        assertThat(verdict.valid()).as(verdict.log()).isTrue();
    }

    /** A message as the engine renders it: encoded words, soft line breaks, List-Unsubscribe. */
    private static byte[] rendered() {
        MessageTemplate template = MessageTemplate.compile(new MessageContent("news@crier.test", "Crièr Nöws – 新闻",
                "reply@crier.test", "Grüße, {{ firstName }}! Ein sehr langer Betreff, der über die Zeile hinausgeht – ✓",
                null, "<p>Hallo {{ firstName }}, " + "ein langer Absatz ohne Umbruch ".repeat(12) + "</p>",
                "Hallo {{ firstName }},   \n\n" + "eine lange Zeile ohne Umbruch ".repeat(12) + "\n\n\n"));
        return template.render(new Recipient("zoe@example.org", "Zoë", "Çelik", null, Map.of()),
                "<m2@crier.test>", Instant.parse("2026-11-23T01:00:00Z"), "https://crier.test/u/token");
    }

    private static Verdict verify(byte[] message) {
        return DkimVerifier.verify(message, DNS_NAME, RsaKeys.dnsRecord(KEY));
    }


    /** The DKIM-Signature field at the top of a signed message, with its folding. */
    static String signatureField(byte[] signed) {
        String text = new String(signed, StandardCharsets.US_ASCII);
        int end = text.indexOf("\r\n");
        while (text.charAt(end + 2) == ' ' || text.charAt(end + 2) == '\t') {
            end = text.indexOf("\r\n", end + 2);
        }
        return text.substring(0, end);
    }

    private static int indexOf(byte[] bytes, String text) {
        return new String(bytes, StandardCharsets.US_ASCII).indexOf(text);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

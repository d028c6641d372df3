package io.crier.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.eclipse.angus.mail.util.QPDecoderStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Crier's quoted-printable encoder, decoded by Angus Mail's decoder as a mail client would. */
class QuotedPrintableTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "plain ascii",
        "a=b, 100% \"quoted\" <tags>",
        "trailing space \r\ntrailing tab\t\r\nend with space ",
        "Grüße — ½ € ✓ 你好 📨",
        "\r\n\r\nblank lines\r\n\r\n",
        ".leading dot\r\nFrom here",
        "bare\nline feeds \nand\rcarriage returns\t\r\r\nmixed\n",
    })
    void decodesBackToTheTextWithValidLines(String text) throws IOException {
        assertRoundTrip(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(ints = {74, 75, 76, 77, 150, 1000})
    void longLinesGetSoftBreaksAtEveryLength(int length) throws IOException {
        assertRoundTrip("x".repeat(length).getBytes(StandardCharsets.US_ASCII));
        assertRoundTrip(("x".repeat(length - 1) + "é").getBytes(StandardCharsets.UTF_8));
        assertRoundTrip(("x".repeat(length - 1) + " \r\nnext").getBytes(StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 24, 25, 26, 1000})
    void textsOfOnlyEscapedBytesFitTheRoomReserved(int length) throws IOException {
        assertRoundTrip("é".repeat(length).getBytes(StandardCharsets.UTF_8));
        assertRoundTrip("=".repeat(length).getBytes(StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomTextsOfAnyBytesAndLineBreaksRoundTrip(long seed) throws IOException {
        Random random = new Random(seed);
        byte[] alphabet = " \t=aZ.\r\n\u00e9".getBytes(StandardCharsets.UTF_8);
        byte[] text = new byte[2000];
        for (int i = 0; i < text.length; i++) {
            text[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
        }
        assertRoundTrip(text);
    }

    private static void assertRoundTrip(byte[] text) throws IOException {
        MessageBuffer out = new MessageBuffer(0); // grows to exactly what the encoder reserves
        QuotedPrintable.encode(text, out);
        byte[] encoded = out.toByteArray();

        String ascii = new String(encoded, StandardCharsets.ISO_8859_1);
        for (String line : ascii.split("\r\n", -1)) {
            assertThat(line.length()).as("line length").isLessThanOrEqualTo(QuotedPrintable.MAX_LINE);
            assertThat(line).as("no trailing white space").doesNotEndWith(" ").doesNotEndWith("\t");
            assertThat(line.chars()).as("printable ASCII only").allMatch(c -> c >= 33 && c <= 126 || c == ' ' || c == '\t');
        }
        try (var decoder = new QPDecoderStream(new ByteArrayInputStream(encoded))) {
            assertThat(decoder.readAllBytes()).isEqualTo(withCrlfBreaks(text));
        }
    }

    /** The text as a reader gets it back: every line break, CRLF or a bare CR or LF, as CRLF. */
    private static byte[] withCrlfBreaks(byte[] text) {
        return new String(text, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\r", "\n")
                .replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}

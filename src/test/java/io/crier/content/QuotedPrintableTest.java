package io.crier.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.eclipse.angus.mail.util.QPDecoderStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crier's quoted-printable encoder, decoded by Angus Mail's decoder as a mail client would; and the
 * same text written in pieces, some of them encoded beforehand as a template's static text is,
 * comes out as the same bytes as the text written whole.
 */
class QuotedPrintableTest {

    /** What the random texts are made of: line breaks alone and together, white space, "=", dots, UTF-8 of every length. */
    private static final String[] PIECES = {"a", "Z", " ", "\t", "=", ".", "\r", "\n", "\r\n", "é", "€", "📨",
        "\uD83D", "\uDCE8", "x".repeat(80), "<p>", "3D"};

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
        "half a pair \uD83D, and its other half \uDCE8 alone",
    })
    void decodesBackToTheTextWithValidLines(String text) throws IOException {
        assertRoundTrip(text);
    }

    @ParameterizedTest
    @ValueSource(ints = {74, 75, 76, 77, 150, 1000})
    void longLinesGetSoftBreaksAtEveryLength(int length) throws IOException {
        assertRoundTrip("x".repeat(length));
        assertRoundTrip("x".repeat(length - 1) + "é");
        assertRoundTrip("x".repeat(length - 1) + " \r\nnext");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 24, 25, 26, 1000})
    void textsOfOnlyEscapedBytesFitTheRoomReserved(int length) throws IOException {
        assertRoundTrip("é".repeat(length));
        assertRoundTrip("=".repeat(length));
        assertRoundTrip("📨".repeat(length));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomTextsOfAnyCharactersAndLineBreaksRoundTrip(long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        while (text.length() < 2000) {
            text.append(random.nextInt(4) == 0 ? String.valueOf((char) random.nextInt(0x10000))
                    : PIECES[random.nextInt(PIECES.length)]);
        }
        assertRoundTrip(text.toString());
    }

    /**
     * The encoder's whole point: pieces encoded once, copied where their line stands, next to
     * pieces encoded as they come. Every cut of a random text into pieces, each pre-encoded or not,
     * gives the bytes of the text encoded whole.
     */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void textWrittenInPiecesSomePreEncodedIsEncodedAsTheWholeText(long seed) throws IOException {
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            List<char[]> pieces = new ArrayList<>();
            Map<char[], QuotedPrintable.Encoded> preEncoded = new IdentityHashMap<>();
            StringBuilder whole = new StringBuilder();
            for (int p = random.nextInt(12); p >= 0; p--) {
                StringBuilder piece = new StringBuilder();
                for (int n = random.nextInt(8); n >= 0; n--) {
                    piece.append(PIECES[random.nextInt(PIECES.length)]);
                }
                char[] chars = piece.toString().toCharArray();
                pieces.add(chars);
                whole.append(chars);
                if (random.nextBoolean()) {
                    QuotedPrintable.preEncode(chars).ifPresent(encoded -> preEncoded.put(chars, encoded));
                }
            }
            MessageBuffer inPieces = new MessageBuffer(0);
            QuotedPrintable encoder = new QuotedPrintable(inPieces, preEncoded);
            pieces.forEach(piece -> encoder.write(piece, 0, piece.length));
            encoder.finish();

            assertThat(new String(inPieces.toByteArray(), StandardCharsets.US_ASCII))
                    .as("pieces %s", pieces.stream().map(String::new).toList())
                    .isEqualTo(new String(encodedWhole(whole.toString()), StandardCharsets.US_ASCII));
            assertRoundTrip(whole.toString());
        }
    }

    private static void assertRoundTrip(String text) throws IOException {
        byte[] encoded = encodedWhole(text);
        assertValidLines(encoded);
        try (var decoder = new QPDecoderStream(new ByteArrayInputStream(encoded))) {
            assertThat(decoder.readAllBytes()).isEqualTo(withCrlfBreaks(text));
        }
    }

    private static byte[] encodedWhole(String text) {
        MessageBuffer out = new MessageBuffer(0); // grows to exactly what the encoder reserves
        QuotedPrintable encoder = new QuotedPrintable(out, Map.of());
        encoder.write(text, 0, text.length());
        encoder.finish();
        return out.toByteArray();
    }

    /** RFC 2045's lines: at most 76 characters, printable ASCII, no white space at the end (a transport may strip it). */
    static void assertValidLines(byte[] encoded) {
        String ascii = new String(encoded, StandardCharsets.ISO_8859_1);
        assertThat(ascii.replace("\r\n", "")).as("CR and LF only as CRLF").doesNotContain("\r", "\n");
        for (String line : ascii.split("\r\n", -1)) {
            assertThat(line.length()).as("line length").isLessThanOrEqualTo(QuotedPrintable.MAX_LINE);
            assertThat(line).as("no trailing white space").doesNotEndWith(" ").doesNotEndWith("\t");
            assertThat(line.chars()).as("printable ASCII only").allMatch(c -> c >= 33 && c <= 126 || c == ' ' || c == '\t');
        }
    }

    /** The text as a reader gets it back: its UTF-8, every line break (CRLF, or a bare CR or LF) as CRLF. */
    static byte[] withCrlfBreaks(String text) {
        return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}

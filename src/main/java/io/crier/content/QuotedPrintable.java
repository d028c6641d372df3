package io.crier.content;

/**
 * Quoted-printable (RFC 2045, section 6.7) for text parts: every line break (CRLF, or a CR or LF
 * alone, as templates and pasted text have them) goes out as CRLF, printable ASCII stays as it is,
 * everything else becomes {@code =XX}, a space or tab before a line break is encoded, and soft
 * breaks keep every line within 76 characters. Reading the breaks here saves each message's body
 * three copies that normalizing them beforehand cost (docs/benchmarks.md, the profile).
 *
 * <p>Angus's {@code QPEncoderStream} does the same one virtual call per byte; every message body
 * goes through this, and a table-driven loop over the whole part took the encoding from about a
 * fifth of a sender's CPU to a small share (docs/benchmarks.md). Its decoder is the oracle in
 * {@code QuotedPrintableTest}.
 */
final class QuotedPrintable {

    static final int MAX_LINE = 76;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final boolean[] LITERAL = new boolean[256];

    static {
        for (int b = 33; b <= 126; b++) {
            LITERAL[b] = b != '=';
        }
    }

    private QuotedPrintable() {
    }

    /** Appends the encoding of {@code text} (UTF-8 bytes) to {@code out}. */
    static void encode(byte[] text, MessageBuffer out) {
        // Worst case: every byte as =XX, 25 to a line, each line ended by a soft break ("=\r\n").
        byte[] target = out.reserve(text.length * 3 + (text.length / 25 + 1) * 3);
        int at = out.size();
        int lineLength = 0;
        for (int i = 0; i < text.length; i++) {
            int b = text[i] & 0xff;
            if (b == '\r' || b == '\n') {
                target[at++] = '\r';
                target[at++] = '\n';
                if (b == '\r' && i + 1 < text.length && text[i + 1] == '\n') {
                    i++;
                }
                lineLength = 0;
                continue;
            }
            boolean literal = LITERAL[b] || ((b == ' ' || b == '\t') && !beforeLineBreak(text, i + 1));
            int width = literal ? 1 : 3;
            // A soft break takes one more character ("="), so a line may hold 75 before it.
            if (lineLength + width > MAX_LINE - 1) {
                target[at++] = '=';
                target[at++] = '\r';
                target[at++] = '\n';
                lineLength = 0;
            }
            if (literal) {
                target[at++] = (byte) b;
            } else {
                target[at++] = '=';
                target[at++] = HEX[b >>> 4];
                target[at++] = HEX[b & 0xf];
            }
            lineLength += width;
        }
        out.advanceTo(at);
    }

    /** Whether position {@code i} ends the text or starts a line break, where trailing white space would be lost. */
    private static boolean beforeLineBreak(byte[] text, int i) {
        return i == text.length || text[i] == '\r' || text[i] == '\n';
    }
}

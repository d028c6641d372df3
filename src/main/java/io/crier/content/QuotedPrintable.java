package io.crier.content;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Quoted-printable (RFC 2045, section 6.7) for text parts, written as a template renders: every
 * line break (CRLF, or a CR or LF alone, as templates and pasted text have them) goes out as CRLF,
 * printable ASCII stays as it is, everything else becomes {@code =XX} of its UTF-8 bytes, a space
 * or tab before a line break is encoded, and soft breaks keep every line within 76 characters.
 *
 * <p>A template's static text is the same for every recipient, so it is encoded once per template
 * ({@link #preEncode}, without soft breaks) and each render copies it, placing the soft breaks
 * where its line happens to stand; only the values are encoded per message (docs/benchmarks.md,
 * the profile). Whatever is written in which pieces, the bytes are those of the whole text
 * encoded at once: a space, tab or CR at the end of a piece waits for the next piece's first
 * character (a line break after it decides its encoding; an LF after a CR is the same break),
 * and so does a high surrogate (its low half may start the next piece).
 */
final class QuotedPrintable extends java.io.Writer {

    static final int MAX_LINE = 76;
    /** A soft break takes one more character ("="), so a line holds 75 before it. */
    private static final int ROOM = MAX_LINE - 1;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final boolean[] LITERAL = new boolean[128];
    /** What String.getBytes(UTF_8) writes for half a surrogate pair. */
    private static final char UNPAIRED = '?';
    private static final int NOTHING = -1;
    private static final int END = -1;
    /** Most a char can come to: a low surrogate completing a held high one, 4 bytes as =XX. */
    private static final int WORST_PER_CHAR = 12;

    static {
        for (int b = 33; b <= 126; b++) {
            LITERAL[b] = b != '=';
        }
    }

    /** A template's static text encoded once: no soft breaks, its last space, tab or CR held back. */
    record Encoded(byte[] bytes, int[] lineBreaks, char first, int held) {
    }

    private final MessageBuffer out;
    private final Map<char[], Encoded> preEncoded;
    private final int room;
    private byte[] target;
    private int at;
    private int column;
    private int held = NOTHING;
    private char heldHigh;
    private char[] scratch = new char[64];

    /**
     * Encodes what is written onto {@code out}; a {@code char[]} written whole that
     * {@code preEncoded} holds (by identity: a template's static text) is copied as encoded there.
     */
    QuotedPrintable(MessageBuffer out, Map<char[], Encoded> preEncoded) {
        this(out, preEncoded, ROOM);
    }

    private QuotedPrintable(MessageBuffer out, Map<char[], Encoded> preEncoded, int room) {
        this.out = out;
        this.preEncoded = preEncoded;
        this.room = room;
    }

    /**
     * Static text encoded for {@link #write(char[], int, int)} to copy; empty for text that starts
     * or ends with half a surrogate pair, which is encoded with its neighbours as it renders.
     */
    static Optional<Encoded> preEncode(char[] text) {
        if (text.length == 0 || Character.isLowSurrogate(text[0])
                || Character.isHighSurrogate(text[text.length - 1])) {
            return Optional.empty();
        }
        MessageBuffer buffer = new MessageBuffer(text.length + 16);
        QuotedPrintable encoder = new QuotedPrintable(buffer, Map.of(), Integer.MAX_VALUE);
        encoder.write(text, 0, text.length);
        byte[] bytes = buffer.toByteArray();
        // CR occurs in the encoding only as the start of a line break.
        int[] lineBreaks = java.util.stream.IntStream.range(0, bytes.length).filter(i -> bytes[i] == '\r').toArray();
        return Optional.of(new Encoded(bytes, lineBreaks, text[0], encoder.held));
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        if (length == 0) {
            return;
        }
        Encoded encoded = offset == 0 && length == chars.length ? preEncoded.get(chars) : null;
        if (encoded != null) {
            begin(encoded.bytes().length + (encoded.bytes().length / 24 + 2) * 3 + WORST_PER_CHAR);
            copy(encoded);
            out.advanceTo(at);
        } else {
            encodeNow(chars, offset, length);
        }
    }

    @Override
    public void write(String text, int offset, int length) {
        if (length == 0) {
            return;
        }
        if (length > scratch.length) {
            scratch = new char[Math.max(length, scratch.length * 2)];
        }
        text.getChars(offset, offset + length, scratch, 0);
        encodeNow(scratch, 0, length);
    }

    /** Ends the text: what was held back goes out as it would at the end of a line. */
    void finish() {
        begin(WORST_PER_CHAR);
        if (heldHigh != 0) {
            heldHigh = 0;
            put(UNPAIRED, true);
        } else if (held != NOTHING) {
            release(END);
        }
        out.advanceTo(at);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    private void encodeNow(char[] chars, int offset, int length) {
        begin(length * WORST_PER_CHAR + (length * WORST_PER_CHAR / 24 + 2) * 3);
        encode(chars, offset, offset + length);
        out.advanceTo(at);
    }

    private void begin(int worstCase) {
        target = out.reserve(worstCase);
        at = out.size();
    }

    private void encode(char[] chars, int from, int to) {
        int i = from;
        if (heldHigh != 0) {
            char high = heldHigh;
            heldHigh = 0;
            if (Character.isLowSurrogate(chars[i])) {
                putEscaped(Character.toCodePoint(high, chars[i++]));
            } else {
                put(UNPAIRED, true);
            }
        } else if (held != NOTHING && release(chars[i])) {
            i++;
        }
        for (; i < to; i++) {
            char c = chars[i];
            boolean last = i + 1 == to;
            if (c == '\r' || c == '\n') {
                if (c == '\r' && last) {
                    held = c;
                } else {
                    lineBreak();
                    if (c == '\r' && chars[i + 1] == '\n') {
                        i++;
                    }
                }
            } else if (c == ' ' || c == '\t') {
                if (last) {
                    held = c;
                } else {
                    put(c, !isLineBreak(chars[i + 1]));
                }
            } else if (c < 0x80) {
                put(c, LITERAL[c]);
            } else if (Character.isHighSurrogate(c)) {
                if (last) {
                    heldHigh = c;
                } else if (Character.isLowSurrogate(chars[i + 1])) {
                    putEscaped(Character.toCodePoint(c, chars[++i]));
                } else {
                    put(UNPAIRED, true);
                }
            } else if (Character.isLowSurrogate(c)) {
                put(UNPAIRED, true);
            } else {
                putEscaped(c);
            }
        }
    }

    /**
     * Writes the held space, tab or CR now that the character after it is known ({@link #END} at
     * the end); true when that character is an LF that the held CR's line break takes in.
     */
    private boolean release(int next) {
        int c = held;
        held = NOTHING;
        if (c == '\r') {
            lineBreak();
            return next == '\n';
        }
        put(c, next != END && !isLineBreak(next));
        return false;
    }

    /** Copies pre-encoded text, with soft breaks where its lines run past the room left. */
    private void copy(Encoded text) {
        int from = 0;
        if (heldHigh != 0) {
            heldHigh = 0;
            put(UNPAIRED, true);
        } else if (held != NOTHING && release(text.first())) {
            from = 2; // the text's leading LF, encoded as CRLF, was the held CR's line break
        }
        byte[] bytes = text.bytes();
        for (int lineBreak : text.lineBreaks()) {
            if (lineBreak >= from) {
                copyLine(bytes, from, lineBreak);
                lineBreak();
                from = lineBreak + 2;
            }
        }
        copyLine(bytes, from, bytes.length);
        held = text.held();
    }

    private void copyLine(byte[] bytes, int from, int to) {
        while (to - from > room - column) {
            int cut = from + room - column;
            // An =XX is not split: "=" starts one and occurs nowhere else in the encoding.
            if (cut > from && bytes[cut - 1] == '=') {
                cut -= 1;
            } else if (cut - 2 >= from && bytes[cut - 2] == '=') {
                cut -= 2;
            }
            System.arraycopy(bytes, from, target, at, cut - from);
            at += cut - from;
            softBreak();
            from = cut;
        }
        System.arraycopy(bytes, from, target, at, to - from);
        at += to - from;
        column += to - from;
    }

    /** A code point beyond ASCII as its UTF-8 bytes, each as =XX. */
    private void putEscaped(int codePoint) {
        if (codePoint < 0x800) {
            put(0xc0 | codePoint >>> 6, false);
        } else {
            if (codePoint < 0x10000) {
                put(0xe0 | codePoint >>> 12, false);
            } else {
                put(0xf0 | codePoint >>> 18, false);
                put(0x80 | (codePoint >>> 12 & 0x3f), false);
            }
            put(0x80 | (codePoint >>> 6 & 0x3f), false);
        }
        put(0x80 | (codePoint & 0x3f), false);
    }

    private void put(int b, boolean literal) {
        int width = literal ? 1 : 3;
        if (column + width > room) {
            softBreak();
        }
        if (literal) {
            target[at++] = (byte) b;
        } else {
            target[at++] = '=';
            target[at++] = HEX[b >>> 4];
            target[at++] = HEX[b & 0xf];
        }
        column += width;
    }

    private void softBreak() {
        target[at++] = '=';
        lineBreak();
    }

    private void lineBreak() {
        target[at++] = '\r';
        target[at++] = '\n';
        column = 0;
    }

    private static boolean isLineBreak(int c) {
        return c == '\r' || c == '\n';
    }
}

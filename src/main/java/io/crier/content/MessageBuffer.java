package io.crier.content;

import java.util.Arrays;

/**
 * A growable byte buffer for rendering messages on one thread, one at a time. Unlike ByteArrayOutputStream
 * nothing in it is synchronized, and encoders may write straight into its array
 * ({@link #reserve}, {@link #advanceTo}).
 */
final class MessageBuffer {

    private byte[] bytes;
    private int size;

    MessageBuffer(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    void append(byte[] source) {
        ensureRoom(source.length);
        System.arraycopy(source, 0, bytes, size, source.length);
        size += source.length;
    }

    int size() {
        return size;
    }

    /** Makes room for {@code more} bytes after {@link #size()} and returns the array to write them into. */
    byte[] reserve(int more) {
        ensureRoom(more);
        return bytes;
    }

    /** Takes the bytes written into the reserved array up to {@code newSize} as part of the buffer. */
    void advanceTo(int newSize) {
        if (newSize < size || newSize > bytes.length) {
            throw new IllegalArgumentException("not within the reserved room: " + newSize);
        }
        size = newSize;
    }

    /** Empties the buffer for another message; the array stays, as big as it grew. */
    void clear() {
        size = 0;
    }

    int capacity() {
        return bytes.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensureRoom(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}

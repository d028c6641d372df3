package io.crier.content;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer for rendering one message on one thread. Unlike ByteArrayOutputStream
 * its single-byte write is not synchronized, which matters because Angus's quoted-printable
 * encoder writes every byte of a body through it (most of the render time when synchronized).
 */
final class MessageBuffer extends OutputStream {

    private byte[] bytes;
    private int size;

    MessageBuffer(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    @Override
    public void write(int b) {
        ensureRoom(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        ensureRoom(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    void append(byte[] source) {
        write(source, 0, source.length);
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

package io.crier.shared;

import java.io.ByteArrayInputStream;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * A request body already held in memory, served again as a servlet input stream: for a request
 * that is read once to be checked (an Idempotency-Key's request hash) or made in-process (an MCP
 * tool's API call). Blocking reads only.
 */
public final class BufferedBody extends ServletInputStream {

    private final ByteArrayInputStream in;

    public BufferedBody(byte[] body) {
        this.in = new ByteArrayInputStream(body);
    }

    @Override
    public int read() {
        return in.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        return in.read(buffer, offset, length);
    }

    @Override
    public boolean isFinished() {
        return in.available() == 0;
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
        throw new UnsupportedOperationException("blocking reads only: the body is in memory");
    }
}

package io.crier.delivery.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * Lets the commands a sender pipelines leave in one write. Angus Mail flushes after every command,
 * and each flush is a write(2) of its own: on loopback a fifth of the senders' CPU, since the
 * kernel also runs the receiving side of TCP in the writer's time (docs/benchmarks.md). The
 * senders' sockets come from {@link #SOCKETS}; what is written to one while {@link #holding} runs
 * on the writing thread waits, and leaves with the next write made outside it. Under STARTTLS the
 * TLS socket is layered over the same socket, so its records wait the same way.
 */
final class HeldWrites {

    private static final ScopedValue<Boolean> HOLDING = ScopedValue.newInstance();

    /** The senders' plain sockets, given to Angus as {@code mail.smtp.socketFactory}. */
    static final SocketFactory SOCKETS = new SocketFactory() {

        @Override
        public Socket createSocket() {
            return new HoldingSocket();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
        }

        private Socket connected(InetSocketAddress remote, InetSocketAddress... local) throws IOException {
            Socket socket = new HoldingSocket();
            for (InetSocketAddress address : local) {
                socket.bind(address);
            }
            socket.connect(remote);
            return socket;
        }
    };

    private HeldWrites() {
    }

    /** Runs {@code writes} with what it writes to a sender's socket held back. */
    static <X extends Throwable> void holding(ScopedValue.CallableOp<Void, X> writes) throws X {
        ScopedValue.where(HOLDING, true).call(writes);
    }

    private static final class HoldingSocket extends Socket {

        private OutputStream output;

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (output == null) {
                output = new HoldingOutputStream(super.getOutputStream());
            }
            return output;
        }
    }

    private static final class HoldingOutputStream extends OutputStream {

        private final OutputStream socket;
        private final ByteArrayOutputStream held = new ByteArrayOutputStream();

        HoldingOutputStream(OutputStream socket) {
            this.socket = socket;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (HOLDING.isBound()) {
                held.write(bytes, offset, length);
            } else if (held.size() == 0) {
                socket.write(bytes, offset, length);
            } else {
                held.write(bytes, offset, length);
                byte[] all = held.toByteArray();
                held.reset();
                socket.write(all);
            }
        }

        @Override
        public void flush() throws IOException {
            if (!HOLDING.isBound()) {
                socket.flush();
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

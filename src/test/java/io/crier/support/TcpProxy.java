package io.crier.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback that a test can cut, to take a process off the network it reaches
 * through the proxy (a Crier node off its database, say) without touching the process itself.
 * Cut, every relayed connection is closed at both ends and new ones are closed as soon as they
 * are accepted; healed, it relays again.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    public TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("tcp-proxy-accept").start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** From now on nothing gets through: open connections are closed, new ones refused. */
    public void cut() {
        cut = true;
        closeAll();
    }

    public void heal() {
        cut = false;
    }

    @Override
    public void close() throws IOException {
        server.close();
        closeAll();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                Thread.ofVirtual().name("tcp-proxy-up").start(() -> pump(client, upstream));
                Thread.ofVirtual().name("tcp-proxy-down").start(() -> pump(upstream, client));
            } catch (IOException closedOrRefused) {
                // Closed by close(), or the target refused: the client sees its connection end.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ended) {
            // One side closed, or cut() closed both.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void closeAll() {
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}

package io.crier.support;

import java.io.InputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.subethamail.smtp.server.SMTPServer;

/**
 * A loopback SMTP server that refuses any transaction until the client has switched to TLS with
 * STARTTLS, presenting the self-signed certificate in src/test/resources/tls/relay.p12 (for
 * localhost and 127.0.0.1; made with {@code keytool -genkeypair -keyalg EC -ext
 * SAN=dns:localhost,ip:127.0.0.1 -validity 36500 -storetype PKCS12}, password crier-test).
 * Every message it accepts therefore came over TLS; it keeps their recipients.
 */
public final class StartTlsSmtpServer implements AutoCloseable {

    private static final char[] PASSWORD = "crier-test".toCharArray();

    private final SMTPServer server;
    private final List<String> recipients = new CopyOnWriteArrayList<>();

    /** {@code delayMillis} slows every message down, as a busy relay would be. */
    public StartTlsSmtpServer(long delayMillis) {
        server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("tls-relay")
                .enableTLS()
                .requireTLS()
                .startTlsSocketFactory(tls())
                .messageHandler((context, from, to, data) -> {
                    Eventually.pause(delayMillis);
                    recipients.add(to);
                })
                .build();
        server.start();
    }

    public int port() {
        return server.getPortAllocated();
    }

    public List<String> recipients() {
        return List.copyOf(recipients);
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A server-side TLS context with the test relay's certificate, for relays of a test's own. */
    public static SSLContext tls() {
        try (InputStream store = StartTlsSmtpServer.class.getResourceAsStream("/tls/relay.p12")) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(store, PASSWORD);
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot load the test relay's certificate", e);
        }
    }
}

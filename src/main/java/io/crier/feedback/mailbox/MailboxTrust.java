package io.crier.feedback.mailbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a mailbox's server is trusted over TLS. By default, as the JDK trusts any server: by its
 * trust store (public CAs, and whatever the operator added to it, {@code javax.net.ssl.trustStore})
 * and the host name. A mailbox may instead name one certificate in PEM ({@code tlsCertificate}): its
 * server's own (a self-signed one) or the CA that issued it, then trusted alone, for that mailbox
 * only, never every certificate.
 */
final class MailboxTrust {

    /** A certificate chain in PEM stays well under this. */
    static final int MAX_PEM = 16_000;

    private MailboxTrust() {
    }

    /** The certificate the PEM holds; empty when it holds none. */
    static Optional<X509Certificate> certificate(String pem) {
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII))));
        } catch (CertificateException | ClassCastException notOne) {
            return Optional.empty();
        }
    }

    /** TLS sockets that trust this certificate alone, as a trust anchor. */
    static SSLSocketFactory socketFactory(String pem) {
        X509Certificate certificate = certificate(pem).orElseThrow(() ->
                new IllegalArgumentException("A mailbox's tlsCertificate is checked when it is saved"));
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("mailbox", certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("This JVM cannot make a TLS context", e);
        }
    }
}

package io.crier.feedback.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.crier.support.Api;

/**
 * An SNS topic as an SES provider webhook meets it, on loopback: it serves its signing certificate
 * (src/test/resources/sns/signing.p12, made with {@code keytool -genkeypair -keyalg RSA -keysize
 * 2048 -startdate -365d -validity 36500 -storetype PKCS12}, password crier-test), counts the
 * certificate fetches and the visits to its SubscribeURL, and signs messages with its private key
 * as SNS documents it, independently of Crier's code.
 */
final class LoopbackSnsTopic implements AutoCloseable {

    static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:crier-ses-feedback";

    private final HttpServer server;
    private final PrivateKey key;
    private final byte[] certificatePem;
    private final AtomicInteger certificateFetches = new AtomicInteger();
    private final AtomicInteger confirmations = new AtomicInteger();

    LoopbackSnsTopic() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = LoopbackSnsTopic.class.getResourceAsStream("/sns/signing.p12")) {
            store.load(in, "crier-test".toCharArray());
        }
        key = (PrivateKey) store.getKey("sns", "crier-test".toCharArray());
        X509Certificate certificate = (X509Certificate) store.getCertificate("sns");
        certificatePem = ("-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/SimpleNotificationService.pem", exchange -> {
            certificateFetches.incrementAndGet();
            answer(exchange, certificatePem);
        });
        server.createContext("/confirm", exchange -> {
            confirmations.incrementAndGet();
            answer(exchange, "<ConfirmSubscriptionResponse/>".getBytes(StandardCharsets.UTF_8));
        });
        server.start();
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String certificateUrl() {
        return origin() + "/SimpleNotificationService.pem";
    }

    int certificateFetches() {
        return certificateFetches.get();
    }

    int confirmations() {
        return confirmations.get();
    }

    /** A Notification carrying SES's JSON, signed with SignatureVersion {@code version} (1 or 2). */
    String notification(String sesJson, int version) {
        Map<String, String> message = new LinkedHashMap<>();
        message.put("Type", "Notification");
        message.put("MessageId", UUID.randomUUID().toString());
        message.put("TopicArn", TOPIC_ARN);
        message.put("Message", sesJson);
        message.put("Timestamp", "2026-12-06T12:00:00.000Z");
        return signed(message, List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"), version,
                certificateUrl());
    }

    /** A SubscriptionConfirmation whose SubscribeURL is {@code subscribeUrl}. */
    String subscriptionConfirmation(String subscribeUrl) {
        Map<String, String> message = new LinkedHashMap<>();
        message.put("Type", "SubscriptionConfirmation");
        message.put("MessageId", UUID.randomUUID().toString());
        message.put("Token", "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb7");
        message.put("TopicArn", TOPIC_ARN);
        message.put("Message", "You have chosen to subscribe to the topic " + TOPIC_ARN + ".");
        message.put("SubscribeURL", subscribeUrl);
        message.put("Timestamp", "2026-12-06T12:00:00.000Z");
        return signed(message, List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn",
                "Type"), 2, certificateUrl());
    }

    String subscribeUrl() {
        return origin() + "/confirm?Action=ConfirmSubscription&Token=2336412f";
    }

    /** The message with its signature fields: "name\nvalue\n" for each signed field present, in order. */
    String signed(Map<String, String> fields, List<String> order, int version, String certificateUrl) {
        StringBuilder toSign = new StringBuilder();
        for (String name : order) {
            if (fields.containsKey(name)) {
                toSign.append(name).append('\n').append(fields.get(name)).append('\n');
            }
        }
        try {
            Signature signer = Signature.getInstance(version == 1 ? "SHA1withRSA" : "SHA256withRSA");
            signer.initSign(key);
            signer.update(toSign.toString().getBytes(StandardCharsets.UTF_8));
            Map<String, String> message = new LinkedHashMap<>(fields);
            message.put("SignatureVersion", String.valueOf(version));
            message.put("Signature", Base64.getEncoder().encodeToString(signer.sign()));
            message.put("SigningCertURL", certificateUrl);
            return Api.JSON.writeValueAsString(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

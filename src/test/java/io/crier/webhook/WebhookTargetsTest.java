package io.crier.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.crier.shared.ApiException;
import io.crier.shared.InternalAddresses;
import io.crier.support.WebhookReceiver;

/**
 * Which addresses a webhook may reach, at registration and again when a request is about to be
 * sent, against a real receiver on loopback.
 */
class WebhookTargetsTest {

    private static final WebhookReceiver RECEIVER = start();
    private static final WebhookProperties REFUSE = new WebhookProperties(false, List.of(80, 443),
            Duration.ofSeconds(1), Duration.ofDays(30), 20, 4);
    private static final WebhookProperties ALLOW = new WebhookProperties(true, List.of(80, 443),
            Duration.ofSeconds(1), Duration.ofDays(30), 20, 4);
    private static final WebhookTargets REFUSING = new WebhookTargets(REFUSE);
    private static final WebhookTargets ALLOWING = new WebhookTargets(ALLOW);

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.0.9", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.0.1",
            "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::",
            "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1", "::ffff:10.0.0.1", "64:ff9b::a00:1"})
    void internalAddresses(String address) throws UnknownHostException {
        assertThat(InternalAddresses.isInternal(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1",
            "32.2.3.4", "32.1.13.184", "2606:4700::1111", "2a00:1450:4001::200e"})
    void publicAddresses(String address) throws UnknownHostException {
        assertThat(InternalAddresses.isInternal(InetAddress.getByName(address))).isFalse();
    }

    @Test
    void registrationRefusesInternalTargetsUnlessAllowedAndAcceptsNamesThatDoNotResolveYet() {
        assertThatThrownBy(() -> REFUSING.checkRegistration("http://localhost:9/hook"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details().getFirst().message())
                        .contains("internal address").doesNotContain("127.0.0.1"));
        assertThat(ALLOWING.checkRegistration("http://localhost:9/hook").getPort()).isEqualTo(9);
        assertThat(REFUSING.checkRegistration("https://93.184.215.14/hook").getHost()).isEqualTo("93.184.215.14");
        assertThat(REFUSING.checkRegistration("https://not-yet.crier-customer.example/hook").getHost())
                .isEqualTo("not-yet.crier-customer.example");
    }

    /**
     * A name can resolve to a public address at registration and to an internal one later (DNS
     * rebinding): the check before each request refuses it then, and nothing reaches the address.
     */
    @Test
    void theAddressIsCheckedAgainBeforeEveryRequest() {
        String url = RECEIVER.newEndpoint().replace("127.0.0.1", "localhost");
        ClaimedCall delivery = new ClaimedCall(UUID.randomUUID(), UUID.randomUUID(), "delivery.sent", "{\"event\":\"x\"}", 0,
                URI.create(url), "a-secret-of-sixteen-chars", WebhookFormat.CRIER);

        AttemptResult refused = new WebhookSender(REFUSING, Clock.systemUTC()).send(delivery);
        assertThat(refused.delivered()).isFalse();
        assertThat(refused.statusCode()).isNull();
        assertThat(refused.error()).startsWith("not sent: the url must not point at").doesNotContain("127.0.0.1");
        assertThat(RECEIVER.received(url)).isEmpty();

        AttemptResult sent = new WebhookSender(ALLOWING, Clock.systemUTC()).send(delivery);
        assertThat(sent.delivered()).isTrue();
        assertThat(RECEIVER.received(url)).singleElement().satisfies(request -> {
            assertThat(request.signedWith("a-secret-of-sixteen-chars", "X-Crier-Signature", "sha256=")).isTrue();
            assertThat(request.header("X-Crier-Delivery")).isEqualTo(delivery.id().toString());
        });
    }

    @Test
    void aHostThatDoesNotResolveIsAFailedAttemptThatSaysSo() {
        ClaimedCall delivery = new ClaimedCall(UUID.randomUUID(), UUID.randomUUID(), "delivery.sent", "{}", 0,
                URI.create("https://gone.crier-customer.example/hook"), "a-secret-of-sixteen-chars",
                WebhookFormat.CRIER);
        AttemptResult result = new WebhookSender(REFUSING, Clock.systemUTC()).send(delivery);
        assertThat(result.error()).isEqualTo("cannot resolve gone.crier-customer.example");
    }

    /**
     * Each by an IPv6 range of its own: none of them is in the IPv4 range that shares its leading
     * bytes (0.0.0.0/8 for the first three, 240.0.0.0/4 for fec0::), which must not count for IPv6.
     */
    @ParameterizedTest
    @ValueSource(strings = {"::10.0.0.1", "::127.0.0.1", "64:ff9b:1::a00:1", "2002:a00:1::1",
            "2001:0:4136:e378:8000:63bf:f5ff:fffe", "fec0::1"})
    void ipv6FormsThatCarryAnIpv4AddressOnwardAreInternal(String address) throws UnknownHostException {
        assertThat(InternalAddresses.isInternal(InetAddress.getByName(address))).isTrue();
    }

    @Test
    void onlyTheAllowedPortsUnlessPrivateTargetsAreAllowed() {
        assertThatThrownBy(() -> REFUSING.checkRegistration("https://93.184.215.14:25/hook"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details().getFirst())
                        .satisfies(problem -> assertThat(problem.field()).isEqualTo("url"))
                        .satisfies(problem -> assertThat(problem.message()).contains("crier.webhooks.allowed-ports")));
        assertThat(REFUSING.checkRegistration("https://93.184.215.14:443/hook").getPort()).isEqualTo(443);
        assertThat(REFUSING.checkRegistration("http://93.184.215.14/hook").getPort()).isEqualTo(-1);
        assertThat(ALLOWING.checkRegistration("http://93.184.215.14:8025/hook").getPort()).isEqualTo(8025);
    }

    /**
     * The request connects to the addresses of the one lookup that checked them: a name that answers
     * the receiver's address first and another address after reaches the receiver, looked up once,
     * and a name that answers an internal address is refused without a word of what it resolved to.
     */
    @Test
    void theConnectionUsesTheAddressesItsOwnLookupChecked() throws UnknownHostException {
        String url = RECEIVER.newEndpoint().replace("127.0.0.1", "rebinding.crier-customer.example");
        AtomicInteger lookups = new AtomicInteger();
        WebhookTargets rebinding = new WebhookTargets(ALLOW, host -> new InetAddress[] {InetAddress.getByAddress(
                host, new byte[] {127, 0, 0, (byte) (lookups.incrementAndGet() == 1 ? 1 : 2)})});
        ClaimedCall delivery = new ClaimedCall(UUID.randomUUID(), UUID.randomUUID(), "delivery.sent", "{}", 0, URI.create(url),
                "a-secret-of-sixteen-chars", WebhookFormat.CRIER);

        try (WebhookSender sender = new WebhookSender(rebinding, Clock.systemUTC())) {
            assertThat(sender.send(delivery).delivered()).isTrue();
        }
        assertThat(lookups).hasValue(1);
        assertThat(RECEIVER.received(url)).singleElement().satisfies(request -> assertThat(request.header("Host"))
                .startsWith("rebinding.crier-customer.example:"));

        String internal = url.replace("rebinding.", "internal.");
        WebhookTargets refusing = new WebhookTargets(REFUSE, host -> new InetAddress[] {
                InetAddress.getByAddress(host, new byte[] {10, 1, 2, 3})});
        try (WebhookSender sender = new WebhookSender(refusing, Clock.systemUTC())) {
            AttemptResult refused = sender.send(new ClaimedCall(UUID.randomUUID(), UUID.randomUUID(), "delivery.sent", "{}", 0,
                    URI.create(internal.replaceFirst(":\\d+/", "/")), "a-secret-of-sixteen-chars",
                    WebhookFormat.CRIER));
            assertThat(refused.error()).startsWith("not sent: the url must not point at").doesNotContain("10.1.2.3");
        }
    }

    private static WebhookReceiver start() {
        try {
            return new WebhookReceiver();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.crier.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.crier.support.TestDnsServer;

/** Lookups against a real DNS server on loopback, and against a socket that never answers. */
class DnsLookupTest {

    @Test
    void aLongTxtRecordComesBackAsOneValueAndAnUnknownNameAsNone() throws Exception {
        try (TestDnsServer dns = new TestDnsServer()) {
            String key = "v=DKIM1; k=rsa; p=" + "A".repeat(400);
            dns.txt("s._domainkey.example.org", key);
            dns.mx("bounces.example.org", 10, "MX.Crier.example.net.");
            DnsLookup lookup = new DnsLookup(List.of(address(dns.address())), Duration.ofSeconds(2));

            assertThat(lookup.txt("s._domainkey.example.org")).isEqualTo(DnsLookup.Answer.found(List.of(key)));
            assertThat(lookup.mx("bounces.example.org").values()).containsExactly("mx.crier.example.net");
            assertThat(lookup.txt("nothing.example.org")).isEqualTo(DnsLookup.Answer.found(List.of()));
        }
    }

    @Test
    void aServerThatNeverAnswersIsAFailureWithTheReasonAfterTheTimeout() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            DnsLookup lookup = new DnsLookup(List.of((InetSocketAddress) silent.getLocalSocketAddress()),
                    Duration.ofMillis(300));
            long started = System.nanoTime();

            DnsLookup.Answer answer = lookup.txt("example.org");

            assertThat(answer.failed()).isTrue();
            assertThat(answer.failure()).startsWith("no answer from [").contains("TXT example.org");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}

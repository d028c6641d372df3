package io.crier.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.crier.dkim.DomainKeys;
import io.crier.support.TestDnsServer;

/**
 * With crier.dns.spf-include and crier.inbound.mx-host set, the records name them, and each is
 * checked against what a real DNS server on loopback serves.
 */
class DomainRecordsTest {

    private static final DomainKeys.PublishedKey KEY = new DomainKeys.PublishedKey("crier",
            "crier._domainkey.example.org", "v=DKIM1; k=rsa; p=MIIBkey");

    private final DomainRecords records = new DomainRecords(
            new DnsProperties(List.of(), Duration.ofSeconds(2), "_spf.relay.example.net"),
            new InboundProperties("MX.Crier.example.net."));

    @Test
    void theRecordsNameTheSpfIncludeAndTheReturnPathsMxHost() {
        Map<String, DnsRecord> byPurpose = byPurpose(records.of("example.org", Optional.of(KEY)));

        assertThat(byPurpose.keySet()).containsExactly("spf", "dkim", "dmarc", "return-path-mx", "return-path-spf");
        assertThat(byPurpose.get("spf").value()).isEqualTo("v=spf1 include:_spf.relay.example.net ~all");
        assertThat(byPurpose.get("return-path-mx").name()).isEqualTo("bounces.example.org");
        assertThat(byPurpose.get("return-path-mx").value()).isEqualTo("mx.crier.example.net");
        assertThat(byPurpose.get("return-path-spf").name()).isEqualTo("bounces.example.org");
        assertThat(byPurpose.values().stream().filter(DnsRecord::required).map(DnsRecord::purpose))
                .containsExactly("spf", "dkim");
    }

    @Test
    void eachRecordPassesIsMissingOrIsWrongWithWhatWasFound() {
        try (TestDnsServer dns = new TestDnsServer()) {
            dns.txt("example.org", "google-site-verification=abc");
            dns.txt("example.org", "v=spf1 include:_spf.other.example ~all");
            dns.txt("crier._domainkey.example.org", "v=DKIM1; k=rsa; p=MIIB key");
            dns.mx("bounces.example.org", 10, "mx.crier.example.net");
            int colon = dns.address().lastIndexOf(':');
            DnsLookup lookup = new DnsLookup(List.of(new InetSocketAddress("127.0.0.1",
                    Integer.parseInt(dns.address().substring(colon + 1)))), Duration.ofSeconds(2));
            Map<String, DnsRecord> byPurpose = byPurpose(records.of("example.org", Optional.of(KEY)));

            RecordCheck spf = byPurpose.get("spf").check(lookup);
            assertThat(spf.result()).isEqualTo(RecordCheck.WRONG);
            assertThat(spf.found()).containsExactly("v=spf1 include:_spf.other.example ~all");
            // DNS tools may put spaces into the key; it is the same key.
            assertThat(byPurpose.get("dkim").check(lookup).result()).isEqualTo(RecordCheck.PASS);
            assertThat(byPurpose.get("dmarc").check(lookup).result()).isEqualTo(RecordCheck.MISSING);
            assertThat(byPurpose.get("return-path-mx").check(lookup).result()).isEqualTo(RecordCheck.PASS);
            assertThat(byPurpose.get("return-path-spf").check(lookup).result()).isEqualTo(RecordCheck.MISSING);
        }
    }

    private static Map<String, DnsRecord> byPurpose(List<DnsRecord> list) {
        return list.stream().collect(Collectors.toMap(DnsRecord::purpose, Function.identity(), (a, b) -> a,
                LinkedHashMap::new));
    }
}

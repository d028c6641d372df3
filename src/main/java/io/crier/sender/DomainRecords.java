package io.crier.sender;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import io.crier.dkim.DomainKeys;

/**
 * The records a sending domain publishes: SPF on the domain, its DKIM key, a DMARC policy (a
 * suggestion, not required) and, when {@code crier.inbound.mx-host} is set, the return path
 * {@code bounces.<domain>}: an MX record to that host and an SPF record of its own (not required
 * until bounces are read from it).
 */
@Component
class DomainRecords {

    static final String RETURN_PATH_LABEL = "bounces";
    static final String RETURN_PATH_MX = "return-path-mx";

    private final String spfInclude;
    private final String mxHost;

    DomainRecords(DnsProperties dns, InboundProperties inbound) {
        this.spfInclude = blankToNull(dns.spfInclude());
        this.mxHost = Optional.ofNullable(blankToNull(inbound.mxHost()))
                .map(host -> host.toLowerCase(Locale.ROOT).replaceAll("\\.$", "")).orElse(null);
    }

    /** Whether the return-path records are published at all: {@code crier.inbound.mx-host} is set. */
    boolean publishesReturnPaths() {
        return mxHost != null;
    }

    static String returnPath(String domain) {
        return RETURN_PATH_LABEL + "." + domain;
    }

    /**
     * The records of {@code domain}, whose DKIM key is {@code key}; without one (deleted through
     * /v1/dkim-keys) the DKIM record has no value until verification makes a new key.
     */
    List<DnsRecord> of(String domain, Optional<DomainKeys.PublishedKey> key) {
        List<DnsRecord> records = new ArrayList<>();
        records.add(spf("spf", domain, true));
        String dnsName = key.map(DomainKeys.PublishedKey::dnsName)
                .orElse(DomainKeys.SELECTOR + "._domainkey." + domain);
        String keyRecord = key.map(DomainKeys.PublishedKey::dnsRecord).orElse(null);
        records.add(new DnsRecord("dkim", DnsRecord.TXT, dnsName, keyRecord, true, DnsRecord.startsWith("v=DKIM1"),
                found -> keyRecord != null && publicKey(found).equals(publicKey(keyRecord))));
        records.add(new DnsRecord("dmarc", DnsRecord.TXT, "_dmarc." + domain, "v=DMARC1; p=none", false,
                DnsRecord.startsWith("v=DMARC1"), found -> true));
        if (mxHost != null) {
            records.add(new DnsRecord(RETURN_PATH_MX, DnsRecord.MX, returnPath(domain), mxHost, false,
                    found -> true, mxHost::equals));
            records.add(spf("return-path-spf", returnPath(domain), false));
        }
        return records;
    }

    private DnsRecord spf(String purpose, String name, boolean required) {
        Predicate<String> includesRelays = spfInclude == null ? value -> true
                : value -> Arrays.asList(value.toLowerCase(Locale.ROOT).split("\\s+"))
                        .contains("include:" + spfInclude.toLowerCase(Locale.ROOT));
        String value = spfInclude == null ? "v=spf1 mx ~all" : "v=spf1 include:" + spfInclude + " ~all";
        Predicate<String> spfRecord = found -> found.strip().equalsIgnoreCase("v=spf1")
                || DnsRecord.startsWith("v=spf1 ").test(found);
        return new DnsRecord(purpose, DnsRecord.TXT, name, value, required, spfRecord, includesRelays);
    }

    /** The p= tag of a DKIM key record, without the spaces DNS tools may put in it. */
    private static String publicKey(String record) {
        for (String tag : record.split(";")) {
            String trimmed = tag.strip();
            if (trimmed.startsWith("p=")) {
                return trimmed.substring(2).replaceAll("\\s", "");
            }
        }
        return "";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

package io.crier.sender;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One record a sending domain publishes: where ({@code name}), of which {@code type}, with which
 * {@code value}. Only the {@code required} ones decide whether the domain is verified. A value
 * found in DNS is of this record's kind when {@code kind} accepts it (an SPF record among the TXT
 * records of a name), and right when {@code right} does too.
 */
record DnsRecord(String purpose, String type, String name, String value, boolean required,
        @JsonIgnore Predicate<String> kind, @JsonIgnore Predicate<String> right) {

    static final String TXT = "TXT";
    static final String MX = "MX";

    /** What the lookup's answer says of this record. */
    RecordCheck check(DnsLookup dns) {
        DnsLookup.Answer answer = MX.equals(type) ? dns.mx(name) : dns.txt(name);
        if (answer.failed()) {
            return new RecordCheck(RecordCheck.UNKNOWN, List.of(), answer.failure());
        }
        List<String> found = answer.values().stream().filter(kind).toList();
        if (found.isEmpty()) {
            return new RecordCheck(RecordCheck.MISSING, List.of(), "no " + type + " record of this kind at "
                    + name);
        }
        if (found.stream().anyMatch(right)) {
            return new RecordCheck(RecordCheck.PASS, found, null);
        }
        return new RecordCheck(RecordCheck.WRONG, found, "the " + type + " record at " + name
                + " is not the one to publish");
    }

    static Predicate<String> startsWith(String prefix) {
        return value -> value.strip().toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT));
    }
}

package io.crier.sender;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks the resolvers for a name's TXT or MX records, straight, without a cache: a check right
 * after the records were published must see them. The answer is the records' values, or why
 * there is none that can be trusted (no answer in time, a server failure).
 */
final class DnsLookup {

    /** The values found (none: the name or the type does not exist), or why the lookup failed. */
    record Answer(List<String> values, String failure) {

        static Answer found(List<String> values) {
            return new Answer(List.copyOf(values), null);
        }

        static Answer failed(String reason) {
            return new Answer(List.of(), reason);
        }

        boolean failed() {
            return failure != null;
        }
    }

    private final Resolver resolver;
    private final String servers;

    DnsLookup(List<InetSocketAddress> servers, Duration timeout) {
        this.resolver = resolver(servers, timeout);
        this.servers = servers.isEmpty() ? "the system's resolvers" : servers.toString();
    }

    /** Each TXT record's strings joined into one value (as SPF and DKIM read them). */
    Answer txt(String name) {
        return query(name, Type.TXT);
    }

    /** The MX records' hosts, lower case, without the final dot. */
    Answer mx(String name) {
        return query(name, Type.MX);
    }

    private Answer query(String name, int type) {
        Message response;
        try {
            response = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type,
                    DClass.IN)));
        } catch (TextParseException e) {
            return Answer.failed(name + " is no DNS name");
        } catch (IOException e) {
            return Answer.failed("no answer from " + servers + " for " + Type.string(type) + " " + name + ": "
                    + e.getMessage());
        }
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            return Answer.failed(servers + " answered " + Rcode.string(rcode) + " for " + Type.string(type) + " "
                    + name);
        }
        List<String> values = new ArrayList<>();
        for (Record record : response.getSection(Section.ANSWER)) {
            if (record instanceof TXTRecord txt && type == Type.TXT) {
                values.add(String.join("", txt.getStrings()));
            } else if (record instanceof MXRecord mx && type == Type.MX) {
                values.add(mx.getTarget().toString(true).toLowerCase(Locale.ROOT));
            }
        }
        return Answer.found(values);
    }

    private static Resolver resolver(List<InetSocketAddress> servers, Duration timeout) {
        ExtendedResolver resolver;
        if (servers.isEmpty()) {
            resolver = new ExtendedResolver();
        } else {
            List<Resolver> each = new ArrayList<>();
            for (InetSocketAddress server : servers) {
                each.add(new SimpleResolver(server));
            }
            resolver = new ExtendedResolver(each);
        }
        resolver.setTimeout(timeout);
        // One try per server: a DNS check may wait at most the timeout for each.
        resolver.setRetries(1);
        return resolver;
    }
}

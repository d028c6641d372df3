package io.crier.sender;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sending domains are checked and what their SPF record names.
 *
 * @param servers    resolvers to ask, as host:port (port 53 if left out); empty: the system's
 * @param timeout    how long one lookup waits for an answer before the check says "not verified yet"
 * @param spfInclude the domain an SPF record includes to allow the relays (e.g. _spf.mail.example.net);
 *                   empty: any SPF record passes, and the one suggested allows the domain's own MX hosts
 */
@ConfigurationProperties("crier.dns")
record DnsProperties(@DefaultValue List<String> servers, @DefaultValue("5s") Duration timeout, String spfInclude) {
}

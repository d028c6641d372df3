package io.crier.webhook;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.crier.shared.ApiException;
import io.crier.shared.InternalAddresses;

/**
 * Which URLs a webhook may call. Only http and https, and, unless
 * {@code crier.webhooks.allow-private-targets} is on, only the ports of
 * {@code crier.webhooks.allowed-ports} and only public addresses: checked when a webhook is
 * registered, and again on every connection by {@link #resolve(String, int)}, the resolver the
 * HTTP client connects through. So a request reaches exactly the addresses that were checked, and a name that
 * later resolves to an internal address (DNS rebinding) is refused then. Refusals never say what a
 * name resolved to: that would let a tenant map the internal network's names.
 */
@Component
class WebhookTargets {

    /** How a host name becomes addresses: the system's resolver, or a test's. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A connection refused before it was made; the message says why, as a webhook URL's problem. */
    static final class Refused extends UnknownHostException {

        Refused(String why) {
            super(why);
        }
    }

    private final WebhookProperties properties;
    private final Resolver resolver;

    @Autowired
    WebhookTargets(WebhookProperties properties) {
        this(properties, InetAddress::getAllByName);
    }

    WebhookTargets(WebhookProperties properties, Resolver resolver) {
        this.properties = properties;
        this.resolver = resolver;
    }

    /**
     * The URL, checked for registration: a 400 naming {@code url} when it is no http(s) URL, its host
     * is, or resolves to, an internal address, or it names a port not allowed. A host that does not
     * resolve (yet) is accepted; every connection checks it again.
     */
    URI checkRegistration(String url) {
        URI uri = parse(url);
        try {
            resolve(uri.getHost(), port(uri));
        } catch (Refused refused) {
            throw ApiException.invalid("url", refused.getMessage());
        } catch (UnknownHostException unresolved) {
            checkPort(port(uri)).ifPresent(refused -> {
                throw ApiException.invalid("url", refused.getMessage());
            });
        }
        return uri;
    }

    /**
     * The addresses a connection to {@code host} on {@code port} may use: the host resolved now, as
     * the HTTP client's resolver ({@link WebhookSender}); {@link Refused} when the port is not
     * allowed or any address is internal (unless private targets are).
     */
    List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        InetAddress[] addresses = checkedAddresses(host);
        Optional<Refused> portRefused = checkPort(port);
        if (portRefused.isPresent()) {
            throw portRefused.get();
        }
        return Arrays.stream(addresses).map(address -> new InetSocketAddress(address, port)).toList();
    }

    /** The host's addresses, resolved now; {@link Refused} when any is internal (unless private targets are allowed). */
    InetAddress[] checkedAddresses(String host) throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve(host);
        if (!properties.allowPrivateTargets() && InternalAddresses.anyInternal(addresses)) {
            throw new Refused("must not point at a private, loopback, link-local or otherwise internal address;"
                    + " set crier.webhooks.allow-private-targets to allow it");
        }
        return addresses;
    }

    private Optional<Refused> checkPort(int port) {
        return properties.allowPrivateTargets() || properties.allowedPorts().contains(port) ? Optional.empty()
                : Optional.of(new Refused("must use one of the ports " + properties.allowedPorts()
                        + " (crier.webhooks.allowed-ports)"));
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ApiException.invalid("url", "must be an absolute http or https URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ApiException.invalid("url", "must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ApiException.invalid("url", "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.invalid("url", "must not carry a user name or password; sign requests with the secret");
        }
        if (uri.getRawFragment() != null) {
            throw ApiException.invalid("url", "must not have a fragment (#...)");
        }
        return uri;
    }
}

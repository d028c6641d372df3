package io.crier.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

import io.crier.shared.ApiException;

/**
 * Which URLs a webhook may call. Only http and https, and, unless
 * {@code crier.webhooks.allow-private-targets} is on, only public addresses: checked when a webhook
 * is registered and again before every request, on the addresses the host resolves to then, so a
 * name that later resolves to an internal address (DNS rebinding) is refused too. The HTTP client
 * connects moments later through the JVM's DNS cache, so it reaches the addresses checked.
 */
@Component
class WebhookTargets {

    /**
     * Loopback, private, shared (CGNAT), link-local, documentation, benchmarking, multicast and reserved ranges.
     * IPv4-mapped IPv6 addresses ({@code ::ffff:10.0.0.1}) need no range: Java reads them as IPv4.
     */
    private static final List<IpAddressMatcher> INTERNAL = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "64:ff9b::/96", "100::/64", "2001:db8::/32", "fc00::/7",
            "fe80::/10", "ff00::/8")
            .stream().map(IpAddressMatcher::new).toList();

    private final WebhookProperties properties;

    WebhookTargets(WebhookProperties properties) {
        this.properties = properties;
    }

    /**
     * The URL, checked for registration: a 400 naming {@code url} when it is no http(s) URL or its
     * host is, or resolves to, an internal address. A host that does not resolve (yet) is accepted;
     * every request checks it again.
     */
    URI checkRegistration(String url) {
        URI uri = parse(url);
        try {
            refusal(uri.getHost(), InetAddress.getAllByName(uri.getHost()))
                    .ifPresent(refused -> {
                        throw ApiException.invalid("url", refused);
                    });
        } catch (UnknownHostException unresolved) {
            // Checked again, resolved, before every request.
        }
        return uri;
    }

    /** Before a request: why it must not be sent, or empty. Resolves the host now. */
    Optional<String> refusalToSend(URI uri) throws UnknownHostException {
        return refusal(uri.getHost(), InetAddress.getAllByName(uri.getHost()));
    }

    private Optional<String> refusal(String host, InetAddress[] addresses) {
        if (properties.allowPrivateTargets()) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                return Optional.of("must not point at a private, loopback, link-local or otherwise internal address ("
                        + host + " is " + address.getHostAddress() + "); set crier.webhooks.allow-private-targets"
                        + " to allow it");
            }
        }
        return Optional.empty();
    }

    static boolean isInternal(InetAddress address) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        String bare = scope < 0 ? text : text.substring(0, scope);
        return INTERNAL.stream().anyMatch(range -> range.matches(bare));
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

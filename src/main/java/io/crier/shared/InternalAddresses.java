package io.crier.shared;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Addresses a tenant must not make Crier connect to (a webhook's URL, a polled mailbox's host): the
 * network Crier runs in, not the internet.
 */
public final class InternalAddresses {

    /**
     * Loopback, private, shared (CGNAT), link-local, documentation, benchmarking, multicast and reserved
     * ranges, and the IPv6 forms that carry an IPv4 address onwards: IPv4-compatible ({@code ::a.b.c.d},
     * with {@code ::} and {@code ::1}, in {@code ::/96}), NAT64, 6to4 and Teredo. IPv4-mapped addresses
     * ({@code ::ffff:10.0.0.1}) need no range: Java reads them as IPv4.
     */
    private static final List<IpAddressMatcher> INTERNAL_IPV4 = matchers(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");
    private static final List<IpAddressMatcher> INTERNAL_IPV6 = matchers(
            "::/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/32", "2001:db8::/32", "2002::/16",
            "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");

    private InternalAddresses() {
    }

    /**
     * Each address against the ranges of its own family: Spring Security's matcher compares the
     * leading bytes of an address of either family with any range, so an IPv4 range would take in
     * IPv6 addresses (and 2002::/16 the public 32.2.0.0/16).
     */
    public static boolean isInternal(InetAddress address) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        String bare = scope < 0 ? text : text.substring(0, scope);
        List<IpAddressMatcher> ranges = address instanceof Inet4Address ? INTERNAL_IPV4 : INTERNAL_IPV6;
        return ranges.stream().anyMatch(range -> range.matches(bare));
    }

    /** Whether any of the addresses is internal. */
    public static boolean anyInternal(InetAddress[] addresses) {
        return Arrays.stream(addresses).anyMatch(InternalAddresses::isInternal);
    }

    private static List<IpAddressMatcher> matchers(String... ranges) {
        return Arrays.stream(ranges).map(IpAddressMatcher::new).toList();
    }
}

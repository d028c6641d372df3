package io.crier.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tells opens and clicks made by machines from people's. Security gateways fetch every link of
 * a message as it arrives, mail privacy proxies load every image, and neither means anyone read
 * or clicked. An event is a machine's when:
 * <ul>
 * <li>it has no User-Agent, or came as a HEAD request (browsers and mail clients send GET);</li>
 * <li>its User-Agent names a known scanner, crawler or HTTP library ({@link #AGENTS});</li>
 * <li>its User-Agent is exactly {@code Mozilla/5.0}: Apple Mail Privacy Protection's proxy,
 * which loads every image of every message, read or not;</li>
 * <li>it came within {@code crier.tracking.scanner-window} (2 s) of the message being sent, or
 * before the send was recorded: no person is that fast, link scanners are.</li>
 * </ul>
 * Image proxies that load images only when the message is opened (Gmail's GoogleImageProxy,
 * Yahoo's) are people's opens.
 */
@Component
class Machines {

    /** Lower-case parts of User-Agents of scanners, crawlers and HTTP libraries. */
    static final List<String> AGENTS = List.of("bot", "crawler", "spider", "headlesschrome", "phantomjs",
            "python-requests", "python-urllib", "aiohttp", "curl/", "wget/", "go-http-client", "okhttp", "java/",
            "java-http-client",
            "apache-httpclient", "libwww-perl", "node-fetch", "axios/", "barracuda", "mimecast", "proofpoint",
            "symantec", "messagelabs", "forcepoint", "trendmicro", "sophos", "fortinet", "safelinks",
            "microsoft office", "ms-office", "skypeuripreview", "preview");

    private static final String APPLE_PRIVACY_PROXY = "Mozilla/5.0";

    private final Duration scannerWindow;

    Machines(@Value("${crier.tracking.scanner-window}") Duration scannerWindow) {
        this.scannerWindow = scannerWindow;
    }

    boolean isMachine(String userAgent, boolean head, Instant sentAt, Instant at) {
        if (head || userAgent == null || userAgent.isBlank() || userAgent.strip().equals(APPLE_PRIVACY_PROXY)) {
            return true;
        }
        if (sentAt == null || at.isBefore(sentAt.plus(scannerWindow))) {
            return true;
        }
        String agent = userAgent.toLowerCase(Locale.ROOT);
        return AGENTS.stream().anyMatch(agent::contains);
    }
}

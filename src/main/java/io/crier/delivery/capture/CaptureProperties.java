package io.crier.delivery.capture;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The built-in capture SMTP server, used when no relay is configured.
 *
 * @param port        loopback port it listens on (0 picks a free one)
 * @param maxMessages how many received messages the dev inbox keeps; older ones are dropped
 */
@ConfigurationProperties("crier.capture")
public record CaptureProperties(@DefaultValue("2525") int port, @DefaultValue("1000") int maxMessages) {
}

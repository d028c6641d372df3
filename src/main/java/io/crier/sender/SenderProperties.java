package io.crier.sender;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param verifyDomains whether mail may go out only From a domain the workspace has verified;
 *                      empty: true when a real relay is configured, false with the capture relay
 */
@ConfigurationProperties("crier.senders")
record SenderProperties(Boolean verifyDomains) {
}

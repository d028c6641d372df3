package io.crier.compat.leadterra;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sender of campaigns created through Leadterra's API: Leadterra sends from the workspace's
 * sender pools, which Crier does not have, and its create call names no sender.
 */
@ConfigurationProperties("crier.leadterra")
record LeadterraSettings(String fromAddress, String fromName) {
}

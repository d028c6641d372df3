package io.crier.compat.leadterra;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sender of campaigns created through Leadterra's API: Leadterra sends from the workspace's
 * sender pools, which Crier does not have, and its create call names no sender. Empty: the
 * workspace's default sender, which the campaign takes when it is created.
 */
@ConfigurationProperties("crier.leadterra")
record LeadterraSettings(String fromAddress, String fromName) {
}

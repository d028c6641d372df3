/**
 * Senders and sending domains: the From identities of a workspace (one of them its default), the
 * domains it sends from with the DNS records to publish (SPF, DKIM, DMARC, return path), their
 * verification against DNS, and whether a From address may be used. Other modules reach it through
 * {@link io.crier.sender.SenderDirectory}; one that keeps a sender in use refuses its
 * {@link io.crier.sender.SenderDeleting}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Senders")
package io.crier.sender;

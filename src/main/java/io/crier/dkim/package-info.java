/**
 * DKIM: each workspace's signing keys per sending domain (given in the configuration, or given or
 * generated through the API, which shows only the public DNS record), and the signing of
 * rendered messages, rsa-sha256 with relaxed/relaxed canonicalisation. Offers
 * {@link io.crier.dkim.DkimSigning} to sign a finished message as its From address's domain.
 */
@org.springframework.modulith.ApplicationModule(displayName = "DKIM")
package io.crier.dkim;

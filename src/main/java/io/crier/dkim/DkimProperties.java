package io.crier.dkim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * DKIM signing keys from the configuration, and how long a node trusts what it read of the keys
 * given through the API.
 *
 * @param keys    signing keys per domain, each for one workspace (a key of the same domain given
 *                through the API takes precedence in its workspace)
 * @param refresh how long a node signs with a domain's key (or signs nothing for a domain without
 *                one) before reading it again; a change through the API reaches every node within it
 */
@ConfigurationProperties("crier.dkim")
record DkimProperties(@DefaultValue List<Key> keys, @DefaultValue("30s") Duration refresh) {

    /**
     * One configured key: the PEM itself or a file holding it.
     *
     * @param workspace the workspace id it signs for; empty: the default workspace
     */
    record Key(String domain, String selector, String privateKey, Path privateKeyFile, UUID workspace) {
    }
}

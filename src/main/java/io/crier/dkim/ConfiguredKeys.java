package io.crier.dkim;

import java.io.IOException;
import java.nio.file.Files;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * The signing keys of {@code crier.dkim.keys}, read and checked once at startup: a key that cannot
 * sign stops Crier with a message naming its property, rather than sending unsigned mail.
 */
@Component
class ConfiguredKeys {

    /** One configured key, parsed; {@code workspace} null means every workspace. */
    record ConfiguredKey(String domain, String selector, UUID workspace, RSAPrivateCrtKey key, DkimSigner signer) {

        boolean servesWorkspace(UUID workspaceId) {
            return workspace == null || workspace.equals(workspaceId);
        }
    }

    private final List<ConfiguredKey> keys;

    ConfiguredKeys(DkimProperties properties) {
        List<ConfiguredKey> read = new ArrayList<>();
        for (int i = 0; i < properties.keys().size(); i++) {
            read.add(read("crier.dkim.keys[" + i + "]", properties.keys().get(i)));
        }
        keys = List.copyOf(read);
    }

    /** The workspace's configured key for the domain; the one for this workspace before one for all. */
    ConfiguredKey forDomain(UUID workspaceId, String domain) {
        ConfiguredKey forAll = null;
        for (ConfiguredKey key : keys) {
            if (key.domain().equals(domain) && key.servesWorkspace(workspaceId)) {
                if (key.workspace() != null) {
                    return key;
                }
                forAll = key;
            }
        }
        return forAll;
    }

    List<ConfiguredKey> forWorkspace(UUID workspaceId) {
        return keys.stream().filter(key -> key.servesWorkspace(workspaceId)).toList();
    }

    private static ConfiguredKey read(String property, DkimProperties.Key configured) {
        String domain = DkimNames.normalize(configured.domain()).orElseThrow(
                () -> new IllegalStateException(property + ".domain must be a domain name, not \""
                        + configured.domain() + "\""));
        String selector = DkimNames.normalize(configured.selector()).orElseThrow(
                () -> new IllegalStateException(property + ".selector must be a DNS label such as \"crier1\", not \""
                        + configured.selector() + "\""));
        RSAPrivateCrtKey key;
        String keyProperty = configured.privateKey() != null && !configured.privateKey().isBlank()
                ? property + ".private-key" : property + ".private-key-file";
        try {
            key = RsaKeys.read(pem(property, configured));
        } catch (RsaKeys.Unusable e) {
            throw new IllegalStateException(keyProperty + " " + e.getMessage());
        }
        return new ConfiguredKey(domain, selector, configured.workspace(), key, new DkimSigner(domain, selector, key));
    }

    private static String pem(String property, DkimProperties.Key configured) {
        if (configured.privateKey() != null && !configured.privateKey().isBlank()) {
            return configured.privateKey();
        }
        if (configured.privateKeyFile() == null) {
            throw new IllegalStateException(property + " needs private-key (the PEM) or private-key-file");
        }
        try {
            return Files.readString(configured.privateKeyFile());
        } catch (IOException e) {
            throw new IllegalStateException(property + ".private-key-file cannot be read: " + e.getMessage(), e);
        }
    }
}

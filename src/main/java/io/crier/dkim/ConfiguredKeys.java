package io.crier.dkim;

import java.io.IOException;
import java.nio.file.Files;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.crier.access.Workspace;

/**
 * The signing keys of {@code crier.dkim.keys}, read and checked once at startup: a key that cannot
 * sign stops Crier with a message naming its property, rather than sending unsigned mail. Each signs
 * for one workspace only, the default workspace when it names none: no workspace gets its mail
 * signed as a domain configured for another.
 */
@Component
class ConfiguredKeys {

    /** One configured key, parsed, and the workspace it signs for. */
    record ConfiguredKey(String domain, String selector, UUID workspace, RSAPrivateCrtKey key, DkimSigner signer) {
    }

    private final List<ConfiguredKey> keys;

    ConfiguredKeys(DkimProperties properties) {
        List<ConfiguredKey> read = new ArrayList<>();
        for (int i = 0; i < properties.keys().size(); i++) {
            read.add(read("crier.dkim.keys[" + i + "]", properties.keys().get(i)));
        }
        keys = List.copyOf(read);
    }

    /** The workspace's configured key for the domain; null if it has none. */
    ConfiguredKey forDomain(UUID workspaceId, String domain) {
        return forWorkspace(workspaceId).stream().filter(key -> key.domain().equals(domain)).findFirst().orElse(null);
    }

    List<ConfiguredKey> forWorkspace(UUID workspaceId) {
        return keys.stream().filter(key -> key.workspace().equals(workspaceId)).toList();
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
        UUID workspace = configured.workspace() == null ? Workspace.DEFAULT_ID : configured.workspace();
        return new ConfiguredKey(domain, selector, workspace, key, new DkimSigner(domain, selector, key));
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

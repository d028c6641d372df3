package io.crier.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.crier.access.Workspace;
import io.crier.support.TestKeys;

/** crier.dkim.keys: read once at startup, each for one workspace, and refused loudly when unusable. */
class ConfiguredKeysTest {

    private static final UUID WORKSPACE = UUID.randomUUID();

    @Test
    void keysAreReadInlineOrFromAFileAndEachSignsForOneWorkspaceTheDefaultOneUnlessNamed(@TempDir Path dir)
            throws IOException {
        Path file = Files.writeString(dir.resolve("dkim.pem"), TestKeys.rsa2048());
        ConfiguredKeys keys = new ConfiguredKeys(properties(
                new DkimProperties.Key("Example.ORG", "default", TestKeys.rsa2048(), null, null),
                new DkimProperties.Key("example.org", "own", null, file, WORKSPACE)));

        assertThat(keys.forDomain(WORKSPACE, "example.org").selector()).isEqualTo("own");
        assertThat(keys.forDomain(Workspace.DEFAULT_ID, "example.org").selector()).isEqualTo("default");
        assertThat(keys.forDomain(UUID.randomUUID(), "example.org")).as("no key of another workspace").isNull();
        assertThat(keys.forDomain(WORKSPACE, "example.com")).isNull();
        assertThat(keys.forWorkspace(WORKSPACE)).extracting(ConfiguredKeys.ConfiguredKey::selector)
                .containsExactly("own");
        assertThat(keys.forWorkspace(Workspace.DEFAULT_ID)).extracting(ConfiguredKeys.ConfiguredKey::selector)
                .containsExactly("default");
        assertThat(keys.forWorkspace(UUID.randomUUID())).isEmpty();
    }

    @Test
    void anUnusableKeyStopsStartupNamingItsProperty(@TempDir Path dir) {
        String pem = TestKeys.rsa2048();
        assertThatThrownBy(() -> new ConfiguredKeys(properties(
                new DkimProperties.Key("example.org", "s1", pem, null, null),
                new DkimProperties.Key("example.org", "s2", "garbage", null, null))))
                .hasMessageStartingWith("crier.dkim.keys[1].private-key must be a PEM private key");
        assertThatThrownBy(() -> new ConfiguredKeys(properties(
                new DkimProperties.Key("example.org", "s1", null, dir.resolve("missing.pem"), null))))
                .hasMessageStartingWith("crier.dkim.keys[0].private-key-file cannot be read");
        assertThatThrownBy(() -> new ConfiguredKeys(properties(
                new DkimProperties.Key("example.org", "s1", null, null, null))))
                .hasMessageContaining("crier.dkim.keys[0] needs private-key");
        assertThatThrownBy(() -> new ConfiguredKeys(properties(
                new DkimProperties.Key("exa mple.org", "s1", pem, null, null))))
                .hasMessageStartingWith("crier.dkim.keys[0].domain");
        assertThatThrownBy(() -> new ConfiguredKeys(properties(
                new DkimProperties.Key("example.org", "", pem, null, null))))
                .hasMessageStartingWith("crier.dkim.keys[0].selector");
    }

    private static DkimProperties properties(DkimProperties.Key... keys) {
        return new DkimProperties(List.of(keys), Duration.ofSeconds(30));
    }
}

package io.crier.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.crier.CrierApplication;
import io.crier.support.CrierApiTest;
import io.crier.support.PostgresTestDatabase;

/**
 * Where the master key comes from: the configuration, or on the embedded database a key file made
 * in the data directory for its owner only; and PostgreSQL without one refuses to start.
 */
@CrierApiTest
class MasterKeyTest {

    @Autowired
    CrierProperties properties;

    @Autowired
    SecretBox box;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theKeyIsConfiguredOrOnTheEmbeddedDatabaseKeptInTheDataDirectoryForItsOwnerOnly() throws IOException {
        Path file = properties.dataDir().resolve("master.key");
        if (properties.database().isExternal()) {
            assertThat(file).doesNotExist();
            assertThat(box.currentKeyId()).isEqualTo(
                    SecretBox.keyId(Base64.getDecoder().decode(System.getProperty("crier.master-key"))));
            return;
        }
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
        assertThat(key).hasSize(32);
        assertThat(box.currentKeyId()).isEqualTo(SecretBox.keyId(key));
    }

    @Test
    void theStoredLinkSecretIsSealed() {
        String stored = jdbc.sql("select secret from link_secret").query(String.class).single();

        assertThat(stored).startsWith("crier:v1:" + box.currentKeyId() + ":");
        assertThat(box.open(stored, "link_secret.secret 1")).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void aKeyThatIsNotTheBase64Of32BytesIsRefusedNamingTheSetting() {
        for (String wrong : new String[] {"changeme", Base64.getEncoder().encodeToString(new byte[16]),
                Base64.getEncoder().encodeToString(new byte[33])}) {
            assertThatThrownBy(() -> MasterKeyConfiguration.parse(wrong, "CRIER_MASTER_KEY")).as(wrong)
                    .hasMessage("CRIER_MASTER_KEY must be the base64 of 32 random bytes; make one with:"
                            + " openssl rand -base64 32");
        }
        assertThat(MasterKeyConfiguration.parse(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(new byte[32]), "CRIER_MASTER_KEY")).hasSize(32);
    }

    @Test
    void postgresWithoutAMasterKeyStopsBeforeTouchingTheDatabaseSayingHowToMakeOne() {
        String url = PostgresTestDatabase.suiteUrl().isEmpty()
                ? "jdbc:postgresql://127.0.0.1:5432/crier_never_created" : PostgresTestDatabase.suiteUrl();

        assertThatThrownBy(() -> new SpringApplicationBuilder(CrierApplication.class).run("--server.port=0",
                "--crier.data-dir=target/test-data/" + UUID.randomUUID(), "--crier.database.url=" + url,
                "--crier.master-key="))
                .rootCause()
                .hasMessageStartingWith("CRIER_MASTER_KEY is not set")
                .hasMessageContaining("openssl rand -base64 32");
    }
}

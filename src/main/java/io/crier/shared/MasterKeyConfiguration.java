package io.crier.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The master key that seals the secrets Crier stores ({@link SecretBox}): {@code crier.master-key},
 * with {@code crier.master-key-previous} for values sealed under older keys. Without one, the
 * embedded database gets a key made on the first start and kept beside it in the data directory;
 * an external database (shared by nodes, backed up elsewhere) refuses to start without one.
 */
@Configuration(proxyBeanMethods = false)
class MasterKeyConfiguration {

    static final String KEY_FILE = "master.key";
    static final int KEY_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(MasterKeyConfiguration.class);

    @Bean
    SecretBox secretBox(CrierProperties properties, @Value("${crier.master-key:}") String masterKey,
            @Value("${crier.master-key-previous:}") String[] previousKeys) {
        List<byte[]> previous = new ArrayList<>();
        for (String key : previousKeys) {
            if (!key.isBlank()) {
                previous.add(parse(key, "CRIER_MASTER_KEY_PREVIOUS"));
            }
        }
        return new SecretBox(current(properties, masterKey), previous);
    }

    private static byte[] current(CrierProperties properties, String masterKey) {
        if (!masterKey.isBlank()) {
            return parse(masterKey, "CRIER_MASTER_KEY");
        }
        if (properties.database().isExternal()) {
            throw new IllegalStateException("CRIER_MASTER_KEY is not set. With an external database Crier needs a"
                    + " master key to seal the secrets it stores there (DKIM keys, webhook secrets, the link secret): "
                    + RandomKeys.HOW_TO_MAKE_ONE + ", set it on every node and keep a copy apart from the database backups");
        }
        return keyFile(properties.dataDir().resolve(KEY_FILE));
    }

    /** Base64 of exactly {@value #KEY_BYTES} bytes. */
    static byte[] parse(String base64, String setting) {
        byte[] key = RandomKeys.decode(base64);
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(setting + " must be the base64 of " + KEY_BYTES + " random bytes; "
                    + RandomKeys.HOW_TO_MAKE_ONE);
        }
        return key;
    }

    /** The key in the file, made there first (readable by this user only) if the file does not exist. */
    private static byte[] keyFile(Path file) {
        try {
            if (Files.exists(file)) {
                log.info("Sealing stored secrets with the master key in {}", file.toAbsolutePath());
                return parse(Files.readString(file), file.toAbsolutePath().toString());
            }
            byte[] key = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(key);
            OwnerOnlyFiles.create(file, Base64.getEncoder().encodeToString(key) + "\n");
            log.warn("CRIER_MASTER_KEY is not set: made a master key to seal the secrets Crier stores and kept it in"
                    + " {} (readable by this user only). Keep a copy of it: without it the stored DKIM keys, webhook"
                    + " secrets and link secret cannot be read", file.toAbsolutePath());
            return key;
        } catch (FileAlreadyExistsException anotherProcessWasFirst) {
            return keyFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or make the master key file " + file.toAbsolutePath()
                    + "; set CRIER_MASTER_KEY instead (" + RandomKeys.HOW_TO_MAKE_ONE + ")", e);
        }
    }
}

package io.crier.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import io.crier.shared.CrierProperties;
import io.crier.shared.OwnerOnlyFiles;
import io.crier.shared.Timestamps;

/**
 * Makes a new installation usable at once. Runs before the HTTP server accepts calls: creates the
 * default workspace, then either installs {@code crier.bootstrap-api-key} with every scope
 * ({@code installation} included) or, on a new database, creates such a key and writes it to a
 * file only this user can read: not to the log, which log aggregation keeps and shows to many.
 * A configured key is installed only if it never existed: from then on it is an API key like any
 * other, so one that was revoked stays revoked however often Crier restarts with it. Safe when
 * several nodes start together.
 */
@Component
class AccessBootstrap implements SmartInitializingSingleton {

    static final String INITIAL_KEY_FILE = "initial-api-key";
    /** The name of the configured key (migration V15 finds it by this name). */
    static final String BOOTSTRAP_KEY_NAME = "Bootstrap key";
    static final String FIRST_KEY_NAME = "Initial admin key";
    private static final Logger log = LoggerFactory.getLogger(AccessBootstrap.class);

    private final AccessRepository repository;
    private final AccessService access;
    private final Clock clock;
    private final String bootstrapKey;
    private final Path initialKeyFile;

    AccessBootstrap(AccessRepository repository, AccessService access, Clock clock, CrierProperties properties,
            @Value("${crier.bootstrap-api-key:}") String bootstrapKey) {
        this.repository = repository;
        this.access = access;
        this.clock = clock;
        this.bootstrapKey = bootstrapKey;
        this.initialKeyFile = properties.dataDir().resolve(INITIAL_KEY_FILE).toAbsolutePath();
    }

    @Override
    public void afterSingletonsInstantiated() {
        boolean newDatabase = createDefaultWorkspace();
        if (!bootstrapKey.isBlank()) {
            installBootstrapKey();
        } else if (newDatabase) {
            String secret = access.createKey(Workspace.DEFAULT_ID, FIRST_KEY_NAME, Scope.all(), ApiKeySecrets.newKey())
                    .secret();
            writeInitialKey(secret);
        }
    }

    private void writeInitialKey(String secret) {
        try {
            // A file left from an earlier database holds a key that database had.
            Files.deleteIfExists(initialKeyFile);
            OwnerOnlyFiles.create(initialKeyFile, secret + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the first API key to " + initialKeyFile
                    + "; set crier.bootstrap-api-key instead", e);
        }
        log.warn("Created the first API key, with every scope, and wrote it to {} (readable by this user only):"
                + " take it from there, then delete the file", initialKeyFile);
    }

    private boolean createDefaultWorkspace() {
        if (repository.findWorkspace(Workspace.DEFAULT_ID).isPresent()) {
            return false;
        }
        try {
            repository.insertWorkspace(new Workspace(Workspace.DEFAULT_ID, "Default", Timestamps.now(clock),
                    McpAccess.FULL));
            return true;
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            return false;
        }
    }

    private void installBootstrapKey() {
        if (bootstrapKey.length() < 32) {
            log.warn("crier.bootstrap-api-key is shorter than 32 characters; use a long random key");
        }
        if (repository.findKeyByHash(ApiKeySecrets.hash(bootstrapKey)).isPresent()) {
            return;
        }
        try {
            access.createKey(Workspace.DEFAULT_ID, BOOTSTRAP_KEY_NAME, Scope.all(), bootstrapKey);
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            log.debug("Bootstrap key installed by another node");
        }
    }
}

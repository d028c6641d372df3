package io.crier.access;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import io.crier.shared.Timestamps;

/**
 * Makes a new installation usable at once. Runs before the HTTP server accepts calls: creates the
 * default workspace, then either installs {@code crier.bootstrap-api-key} with every scope
 * ({@code installation} included) or, on a new database, creates such a key and prints it once.
 * A configured key is installed only if it never existed: from then on it is an API key like any
 * other, so one that was revoked stays revoked however often Crier restarts with it. Safe when
 * several nodes start together.
 */
@Component
class AccessBootstrap implements SmartInitializingSingleton {

    static final UUID DEFAULT_WORKSPACE_ID = UUID.fromString("00000000-0000-4000-8000-000000000001");
    /** The name of the configured key (migration V15 finds it by this name). */
    static final String BOOTSTRAP_KEY_NAME = "Bootstrap key";
    static final String FIRST_KEY_NAME = "Initial admin key";
    private static final Logger log = LoggerFactory.getLogger(AccessBootstrap.class);

    private final AccessRepository repository;
    private final AccessService access;
    private final Clock clock;
    private final String bootstrapKey;

    AccessBootstrap(AccessRepository repository, AccessService access, Clock clock,
            @Value("${crier.bootstrap-api-key:}") String bootstrapKey) {
        this.repository = repository;
        this.access = access;
        this.clock = clock;
        this.bootstrapKey = bootstrapKey;
    }

    @Override
    public void afterSingletonsInstantiated() {
        boolean newDatabase = createDefaultWorkspace();
        if (!bootstrapKey.isBlank()) {
            installBootstrapKey();
        } else if (newDatabase) {
            String secret = access.createKey(DEFAULT_WORKSPACE_ID, FIRST_KEY_NAME, Scope.all(), ApiKeySecrets.newKey())
                    .secret();
            log.warn("Created the first API key, with every scope. It is shown only this once: {}", secret);
        }
    }

    private boolean createDefaultWorkspace() {
        if (repository.findWorkspace(DEFAULT_WORKSPACE_ID).isPresent()) {
            return false;
        }
        try {
            repository.insertWorkspace(new Workspace(DEFAULT_WORKSPACE_ID, "Default", Timestamps.now(clock)));
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
            access.createKey(DEFAULT_WORKSPACE_ID, BOOTSTRAP_KEY_NAME, Scope.all(), bootstrapKey);
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            log.debug("Bootstrap key installed by another node");
        }
    }
}

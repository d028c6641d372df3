package io.crier.shared;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Crier's process-wide settings. Module-specific settings live with their modules.
 *
 * @param port      HTTP port
 * @param dataDir   where the embedded database (and later captured mail) lives
 * @param database  an external database; empty means embedded H2
 * @param publicUrl base of every link Crier puts into mail; empty means http://localhost:port
 */
@ConfigurationProperties("crier")
public record CrierProperties(
        @DefaultValue("8080") int port,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Database database,
        String publicUrl) {

    public record Database(String url, String username, String password) {

        public boolean isExternal() {
            return url != null && !url.isBlank();
        }
    }

    public String effectivePublicUrl() {
        String base = publicUrl == null || publicUrl.isBlank() ? "http://localhost:" + port : publicUrl;
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}

package io.crier.audience;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A request body copied to a temporary file, so it can be read twice without holding it in
 * memory. The request size limit still applies while copying. Closing deletes the file.
 */
final class SpooledBody implements ImportBody, AutoCloseable {

    private final Path file;

    private SpooledBody(Path file) {
        this.file = file;
    }

    static SpooledBody copyOf(InputStream body) throws IOException {
        Path file = Files.createTempFile("crier-import-", ".body");
        try {
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new SpooledBody(file);
    }

    @Override
    public InputStream open() throws IOException {
        return new BufferedInputStream(Files.newInputStream(file));
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}

package io.crier.shared;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files that hold a secret: made new, readable and writable by this user only (mode 0600). */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    /**
     * Writes {@code text} to a new file, its directory made if missing; throws
     * {@link java.nio.file.FileAlreadyExistsException} if the file exists. The mode is set as the
     * file is made, so it is never readable by others, not even for a moment.
     */
    public static void create(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (SeekableByteChannel channel = Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(file))) {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }
}

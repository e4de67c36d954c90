package org.ketang.platform.ingest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The directory that holds the bytes of uploads, one file per upload id. */
public final class UploadFiles {

    private final Path dir;

    public UploadFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the upload directory " + this.dir, e);
        }
    }

    Path dir() {
        return dir;
    }

    Path fileOf(String uploadId) {
        // ids are generated hex strings, checked again here so that a path can never leave the directory
        if (!uploadId.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("Not an upload id: " + uploadId);
        }
        return dir.resolve(uploadId);
    }

    void delete(String uploadId) {
        try {
            Files.deleteIfExists(fileOf(uploadId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of a whole file, read once in 1 MiB blocks (never the whole file in memory). */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

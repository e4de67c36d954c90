package org.ketang.platform.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Where media files live: a local directory by default, an S3-compatible object store by configuration
 * ({@code ketang.media.storage.kind=s3}). Keys are relative paths with {@code /}, e.g. {@code assets/7/360p/index.m3u8}.
 */
public interface MediaStorage {

    void put(String key, Path file) throws IOException;

    void put(String key, InputStream content, long length) throws IOException;

    InputStream open(String key) throws IOException;

    /** Opens {@code length} bytes from {@code offset}. */
    InputStream open(String key, long offset, long length) throws IOException;

    boolean exists(String key) throws IOException;

    /** Size in bytes, empty when the key does not exist. */
    Optional<Long> size(String key) throws IOException;

    void delete(String key) throws IOException;

    /** Deletes every key in the folder {@code prefix} ({@code assets/7} and {@code assets/7/} alike; never {@code assets/70/}). */
    void deletePrefix(String prefix) throws IOException;

    /** Keys under {@code prefix}, sorted. */
    List<String> list(String prefix) throws IOException;

    /** The file itself when the storage is a local directory (so that ffmpeg can read it in place). */
    Optional<Path> localFile(String key);

    /**
     * The file as a Spring {@link Resource} of {@code size} bytes, for a controller to return (Spring answers Range
     * requests from it): the local file, or a stream opened from the object store on demand.
     */
    default Resource resource(String key, long size) {
        return localFile(key).<Resource>map(FileSystemResource::new).orElseGet(() -> new StoredResource(this, key, size));
    }
}

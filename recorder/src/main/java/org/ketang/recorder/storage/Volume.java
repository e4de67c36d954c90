package org.ketang.recorder.storage;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** The disk the recordings live on: free and total bytes (replaceable in tests). */
public interface Volume {

    long freeBytes() throws IOException;

    long totalBytes() throws IOException;

    /** The real file system that holds {@code path}. */
    static Volume of(Path path) throws IOException {
        FileStore store = Files.getFileStore(path);
        return new Volume() {
            @Override
            public long freeBytes() throws IOException {
                return store.getUsableSpace();
            }

            @Override
            public long totalBytes() throws IOException {
                return store.getTotalSpace();
            }
        };
    }
}

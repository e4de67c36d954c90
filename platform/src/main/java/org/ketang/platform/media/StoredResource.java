package org.ketang.platform.media;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.core.io.AbstractResource;

/** A file in object storage, streamed on demand. */
final class StoredResource extends AbstractResource {
    private final MediaStorage storage;
    private final String key;
    private final long size;

    StoredResource(MediaStorage storage, String key, long size) {
        this.storage = storage;
        this.key = key;
        this.size = size;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return storage.open(key);
    }

    @Override
    public long contentLength() {
        return size;
    }

    @Override
    public String getFilename() {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    @Override
    public String getDescription() {
        return "media " + key;
    }
}

package org.ketang.platform.media.internal;

import java.util.Optional;

import org.springframework.stereotype.Component;

/** Where an asset's original (uploaded or recorded) file is kept, for downloads. */
@Component
public class Originals {

    private final MediaQueue queue;

    Originals(MediaQueue queue) {
        this.queue = queue;
    }

    /** The storage key of the asset's original file; empty for an unknown asset. */
    public Optional<String> keyOf(long assetId) {
        return queue.asset(assetId).map(MediaQueue.Asset::sourceKey).filter(key -> !key.equals("pending"));
    }

    /** The original's file name extension with its dot ({@code .mp4}), or empty text when it has none. */
    public static String extensionOf(String key) {
        return MediaPipeline.extension(key);
    }
}

package org.ketang.platform.media;

import java.nio.file.Path;

/**
 * Tells whether a file is usable video, with ffprobe in a child process. Call it synchronously when an upload
 * completes: a {@link ProbeResult.Unusable} result carries the reason in Chinese and English for the uploader.
 */
public interface MediaProbe {

    /** Probes {@code file}; never throws for a bad file (that is an {@link ProbeResult.Unusable} result). */
    ProbeResult probe(Path file);
}

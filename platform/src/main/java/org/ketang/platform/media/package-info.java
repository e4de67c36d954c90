/**
 * Media processing: probe an upload ({@link org.ketang.platform.media.MediaProbe}), turn it into a poster,
 * a seek-preview sprite and an HLS ladder through a persistent job queue
 * ({@link org.ketang.platform.media.MediaLibrary}), keep files in {@link org.ketang.platform.media.MediaStorage}
 * and hand out signed, expiring playback paths ({@link org.ketang.platform.media.PlaybackTokens}).
 * Other modules react to {@link org.ketang.platform.media.MediaRejected},
 * {@link org.ketang.platform.media.RenditionPublished}, {@link org.ketang.platform.media.MediaReady} and
 * {@link org.ketang.platform.media.MediaFailed}. FFmpeg always runs as a child process.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "identity", "http", "ingest" })
package org.ketang.platform.media;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

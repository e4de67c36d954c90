package org.ketang.platform.media.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ketang.platform.ingest.UploadCheck;
import org.ketang.platform.media.MediaProbe;
import org.ketang.platform.media.ProbeResult;
import org.springframework.stereotype.Component;

/**
 * Refuses an upload that is not usable video before it enters the library, saying why: the uploader sees the
 * reason as soon as the last byte has arrived.
 */
@Component
class VideoUploadCheck implements UploadCheck {

    /** Upload purposes that must be video: lessons uploaded by people and recordings sent by classroom agents. */
    static final Set<String> VIDEO_PURPOSES = Set.of("lesson", "recording");

    private final MediaProbe probe;

    VideoUploadCheck(MediaProbe probe) {
        this.probe = probe;
    }

    @Override
    public Optional<Rejection> check(Path file, String filename, Map<String, String> metadata) {
        if (!VIDEO_PURPOSES.contains(metadata.getOrDefault("purpose", ""))) {
            return Optional.empty();
        }
        if (probe.probe(file) instanceof ProbeResult.Unusable unusable) {
            return Optional.of(new Rejection(unusable.reason().name().toLowerCase(Locale.ROOT),
                    "不是可用的视频文件：" + unusable.reasonZh(), "Not a usable video: " + unusable.reasonEn()));
        }
        return Optional.empty();
    }
}

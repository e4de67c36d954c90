package org.ketang.platform.media.internal;

import java.time.Clock;

import org.ketang.platform.media.MediaProbe;
import org.ketang.platform.media.MediaStorage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires ffmpeg, the probe, the storage backend and the playback key. Nothing is extracted or run at start-up. */
@Configuration(proxyBeanMethods = false)
class MediaConfiguration {

    @Bean
    Ffmpeg ffmpeg(MediaSettings settings) {
        return new Ffmpeg(settings.ffmpegPath(), settings.ffprobePath());
    }

    @Bean
    MediaProbe mediaProbe(Ffmpeg ffmpeg) {
        return new FfprobeMediaProbe(ffmpeg);
    }

    @Bean
    MediaStorage mediaStorage(MediaSettings settings) {
        return switch (settings.storage().kind()) {
            case "local" -> new LocalMediaStorage(settings.storageDir());
            case "s3" -> {
                S3MediaStorage s3 = new S3MediaStorage(settings.storage());
                s3.ensureBucket();
                yield s3;
            }
            default -> throw new IllegalStateException(
                    "ketang.media.storage.kind must be local or s3, not " + settings.storage().kind());
        };
    }

    @Bean
    HmacPlaybackTokens playbackTokens(MediaSettings settings) {
        return new HmacPlaybackTokens(HmacPlaybackTokens.keyFrom(settings.playbackSecret(), settings.storageDir()),
                Clock.systemUTC());
    }
}

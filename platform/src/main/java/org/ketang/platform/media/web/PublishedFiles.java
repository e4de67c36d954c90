package org.ketang.platform.media.web;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.media.MediaStorage;
import org.ketang.platform.media.internal.HmacPlaybackTokens;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The file a playback path {@code /media/play/<token>/<file>} names, after its checks: the signed token is valid and
 * unexpired, and the file is one an asset publishes (so no path can leave the asset). Shared by
 * {@link PlaybackController} and {@link PlaybackFastPath}.
 */
@Component
class PublishedFiles {

    static final String PREFIX = "/media/play/";

    /** Every file an asset publishes, and nothing else. */
    private static final Pattern FILE = Pattern.compile(
            "master\\.m3u8|poster\\.jpg|sprite\\.jpg|sprite\\.vtt|thumbs/thumb_\\d{3,5}\\.jpg"
                    + "|\\d{2,4}p/(index\\.m3u8|init\\.mp4|seg_\\d{5,6}\\.m4s)");

    private static final MediaType M3U8 = MediaType.parseMediaType("application/vnd.apple.mpegurl");
    private static final MediaType SEGMENT = MediaType.parseMediaType("video/iso.segment");
    private static final MediaType MP4 = MediaType.parseMediaType("video/mp4");
    private static final MediaType VTT = MediaType.parseMediaType("text/vtt;charset=UTF-8");

    /** Segments and images never change once written. */
    private static final CacheControl FOREVER = CacheControl.maxAge(Duration.ofDays(365)).cachePrivate().immutable();
    /** The master playlist grows while renditions are published, so it is cached only briefly. */
    private static final CacheControl MASTER = CacheControl.maxAge(Duration.ofSeconds(5)).cachePrivate();
    private static final CacheControl PLAYLIST = CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate();

    private final HmacPlaybackTokens tokens;
    private final MediaStorage storage;

    PublishedFiles(HmacPlaybackTokens tokens, MediaStorage storage) {
        this.tokens = tokens;
        this.storage = storage;
    }

    /**
     * A published file.
     *
     * @param local the file itself when storage is a local directory
     */
    record Found(String key, long size, @Nullable Path local, MediaType type, CacheControl cache) {
    }

    /**
     * The file of a request path (without context path) under {@link #PREFIX}.
     *
     * @throws ApiProblem 403 for a bad or expired token, 404 for anything that is not a published file
     */
    Found find(String path) throws IOException {
        int slash = path.indexOf('/', PREFIX.length());
        String token = slash < 0 ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), slash);
        var grant = tokens.verify(token).orElseThrow(() -> new ApiProblem(HttpStatus.FORBIDDEN, "playback-token",
                "播放链接无效或已过期，请刷新页面", "The playback link is invalid or has expired; reload the page"));
        String file = slash < 0 ? "" : path.substring(slash + 1);
        if (!FILE.matcher(file).matches()) {
            throw ApiProblem.notFound("该媒体文件", "The media file");
        }
        String key = "assets/" + grant.assetId() + "/" + file;
        Optional<Path> local = storage.localFile(key);
        Optional<Long> size = storage.size(key);
        if (size.isEmpty()) {
            throw ApiProblem.notFound("该媒体文件", "The media file");
        }
        return new Found(key, size.get(), local.orElse(null), typeOf(file), cacheOf(file));
    }

    private static MediaType typeOf(String file) {
        if (file.endsWith(".m4s")) {
            return SEGMENT;
        }
        if (file.endsWith(".m3u8")) {
            return M3U8;
        }
        if (file.endsWith(".mp4")) {
            return MP4;
        }
        if (file.endsWith(".vtt")) {
            return VTT;
        }
        return MediaType.IMAGE_JPEG;
    }

    private static CacheControl cacheOf(String file) {
        if (file.equals("master.m3u8")) {
            return MASTER;
        }
        if (file.endsWith(".m3u8") || file.endsWith(".vtt")) {
            return PLAYLIST;
        }
        return FOREVER;
    }
}

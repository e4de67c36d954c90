package org.ketang.platform.live.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.http.Sendfile;
import org.ketang.platform.live.internal.ChannelFiles;
import org.ketang.platform.live.internal.LivePlayback;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves a live channel's HLS under {@code /live/play/<token>/<file>}: the signed token (from
 * {@code GET /api/v1/live/channels/{id}/playback}) is the authorisation and names the channel. Playlists change every
 * second and are never cached; segments leave by sendfile and may be cached briefly.
 */
@RestController
@Hidden
class LivePlaybackController {

    static final String PATHS = "/live/play/**";

    private static final MediaType M3U8 = MediaType.parseMediaType("application/vnd.apple.mpegurl");
    /** Segment names restart when the recorder's ffmpeg restarts, so they are cached for a short while only. */
    private static final CacheControl SEGMENT_CACHE = CacheControl.maxAge(Duration.ofSeconds(60)).cachePrivate();

    private final LivePlayback playback;
    private final ChannelFiles files;

    LivePlaybackController(LivePlayback playback, ChannelFiles files) {
        this.playback = playback;
        this.files = files;
    }

    @GetMapping("/live/play/{token}/{file}")
    ResponseEntity<?> play(@PathVariable String token, @PathVariable String file, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        long classroomId = playback.classroomOf(token).orElseThrow(() -> new ApiProblem(HttpStatus.FORBIDDEN,
                "playback-token", "播放链接无效或已过期，请刷新页面", "The playback link is invalid or has expired; reload the page"));
        if (ChannelFiles.isPlaylist(file)) {
            byte[] playlist = files.readPlaylist(classroomId, file).orElseThrow(LivePlaybackController::notFound);
            return ResponseEntity.ok().contentType(M3U8).cacheControl(CacheControl.noCache()).body(playlist);
        }
        Path path = files.find(classroomId, file).orElseThrow(LivePlaybackController::notFound);
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException pruned) {
            throw notFound();
        }
        // an init segment keeps its name when the recorder restarts with other settings: never cached
        CacheControl cache = file.endsWith(".mp4") ? CacheControl.noCache() : SEGMENT_CACHE;
        if (Sendfile.send(request, response, path, size, typeOf(file), cache)) {
            return null; // the servlet container sends the file itself, after this method
        }
        return ResponseEntity.ok().contentType(typeOf(file)).cacheControl(cache).body(new FileSystemResource(path));
    }

    private static MediaType typeOf(String file) {
        if (file.endsWith(".ts")) {
            return MediaType.parseMediaType("video/mp2t");
        }
        return file.endsWith(".m4s") ? MediaType.parseMediaType("video/iso.segment") : MediaType.parseMediaType("video/mp4");
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("该直播文件（直播可能已结束）", "The live file (the live class may have ended)");
    }
}

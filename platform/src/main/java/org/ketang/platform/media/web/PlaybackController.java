package org.ketang.platform.media.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.http.Sendfile;
import org.ketang.platform.media.MediaStorage;
import org.ketang.platform.media.internal.HmacPlaybackTokens;
import org.ketang.platform.media.internal.Originals;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
 * Serves an asset's HLS playlists, segments, poster and seek preview under {@code /media/play/<token>/…}. The
 * signed token is the authorisation (issued by {@code PlaybackTokens} after the library checked visibility);
 * relative URLs in the playlists keep it. Only known file names are served, so no path can leave the asset.
 * HTTP Range requests are answered by Spring from the streamed resource, never loaded whole into memory.
 */
@RestController
@Hidden
class PlaybackController {

    private final HmacPlaybackTokens tokens;
    private final MediaStorage storage;
    private final Originals originals;
    private final PublishedFiles files;

    PlaybackController(HmacPlaybackTokens tokens, MediaStorage storage, Originals originals, PublishedFiles files) {
        this.tokens = tokens;
        this.storage = storage;
        this.originals = originals;
        this.files = files;
    }

    /**
     * The asset's original file as an attachment, for viewers the library allowed to download (a separate token
     * purpose: a playback token never grants it). Range requests are answered, so an interrupted download of a
     * multi-GB recording resumes.
     */
    @GetMapping("/media/download/{token}/{name}")
    ResponseEntity<Resource> download(@PathVariable String token, @PathVariable String name) throws IOException {
        var grant = tokens.verify(HmacPlaybackTokens.DOWNLOAD_PURPOSE, token).orElseThrow(() -> new ApiProblem(
                HttpStatus.FORBIDDEN, "download-token", "下载链接无效或已过期，请刷新页面",
                "The download link is invalid or has expired; reload the page"));
        String key = originals.keyOf(grant.id()).orElseThrow(() -> ApiProblem.notFound("原始文件", "The original file"));
        Optional<Long> size = storage.size(key);
        if (size.isEmpty()) {
            throw ApiProblem.notFound("原始文件", "The original file");
        }
        String fileName = name.strip().replaceAll("[\\\\/\\p{Cntrl}\"]", "_") + Originals.extensionOf(key);
        Resource resource = storage.resource(key, size.get());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .cacheControl(CacheControl.noStore())
                .body(resource);
    }

    @GetMapping("/media/play/{token}/**")
    ResponseEntity<Resource> play(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var found = files.find(request.getRequestURI().substring(request.getContextPath().length()));
        // whole local files go out by the kernel's zero-copy sendfile; Range requests take the ordinary way
        if (found.local() != null
                && Sendfile.send(request, response, found.local(), found.size(), found.type(), found.cache())) {
            return null; // the servlet container sends the file itself, after this method
        }
        Resource resource = storage.resource(found.key(), found.size());
        return ResponseEntity.ok().contentType(found.type()).cacheControl(found.cache()).body(resource);
    }
}

package org.ketang.platform.signage.web;

import java.io.IOException;

import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.media.MediaStorage;
import org.ketang.platform.signage.internal.Content;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Serves uploaded images from media storage, to the displays they are scheduled on and to the console. */
@Component
class ContentFiles {

    private final MediaStorage storage;

    ContentFiles(MediaStorage storage) {
        this.storage = storage;
    }

    ResponseEntity<Resource> image(Content c) {
        if (c.kind() != Content.Kind.IMAGE || c.fileKey() == null || c.uploadState() != Content.UploadState.READY) {
            throw ApiProblem.notFound("图片", "Image");
        }
        try {
            long size = storage.size(c.fileKey()).orElseThrow(() -> ApiProblem.notFound("图片", "Image"));
            return ResponseEntity.ok().contentLength(size)
                    .contentType(MediaType.parseMediaType(c.fileType() == null ? "application/octet-stream" : c.fileType()))
                    .cacheControl(CacheControl.noCache()).header("X-Content-Type-Options", "nosniff")
                    .body(new InputStreamResource(storage.open(c.fileKey())));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

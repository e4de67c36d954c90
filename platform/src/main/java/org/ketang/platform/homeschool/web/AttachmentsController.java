package org.ketang.platform.homeschool.web;

import java.nio.charset.StandardCharsets;

import org.ketang.platform.homeschool.internal.Attachments;
import org.ketang.platform.identity.Actor;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Attachments of homework, submissions and news, served only to who sees what they belong to (404 otherwise).
 * Private cache only: a shared phone's next user signs in anew and the server asks again.
 */
@RestController
class AttachmentsController {

    private final Attachments attachments;

    AttachmentsController(Attachments attachments) {
        this.attachments = attachments;
    }

    @GetMapping("/api/v1/homeschool/attachments/{id}")
    ResponseEntity<Resource> download(Actor actor, @PathVariable long id) {
        Attachments.Served served = attachments.open(actor, id);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(served.attachment().contentType()))
                .cacheControl(CacheControl.noCache().cachePrivate())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(served.attachment().filename(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(served.resource());
    }
}

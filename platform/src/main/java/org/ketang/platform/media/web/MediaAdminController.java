package org.ketang.platform.media.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.media.MediaLibrary;
import org.ketang.platform.media.MediaLibrary.JobState;
import org.ketang.platform.media.MediaLibrary.Status;
import org.ketang.platform.media.internal.MediaJobs;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The transcode queue for administrators, and the progress of one asset for the upload page. Until the library
 * module records which school an asset belongs to, only district-wide managers see the queue and act on it.
 */
@RestController
@RequestMapping("/api/v1/media")
@Tag(name = "media", description = "转码队列 / transcode queue")
class MediaAdminController {

    private final MediaLibrary library;
    private final MediaJobs jobs;

    MediaAdminController(MediaLibrary library, MediaJobs jobs) {
        this.library = library;
        this.jobs = jobs;
    }

    @GetMapping("/jobs")
    List<MediaJobs.JobView> jobs(Actor actor, @RequestParam @Nullable JobState state,
            @RequestParam(defaultValue = "200") int limit) {
        actor.require(Permission.LESSON_MANAGE);
        if (!actor.isDistrictWide()) {
            return List.of(); // a school scope arrives with the library; nothing is in a school's reach yet
        }
        return jobs.list(state, Math.max(1, Math.min(1000, limit)));
    }

    /** Progress of an asset (percent, ETA, renditions published), polled by the upload page. */
    @GetMapping("/assets/{id}")
    Status asset(Actor actor, @PathVariable long id) {
        if (!actor.can(Permission.LESSON_MANAGE) && !actor.can(Permission.LESSON_UPLOAD)) {
            throw ApiProblem.forbidden();
        }
        return library.status(id).orElseThrow(() -> ApiProblem.notFound("该媒体", "The media asset"));
    }

    @PostMapping("/assets/{id}/cancel")
    Status cancel(Actor actor, @PathVariable long id) {
        manageable(actor, id);
        library.cancel(id);
        return library.status(id).orElseThrow();
    }

    @PostMapping("/assets/{id}/retry")
    Status retry(Actor actor, @PathVariable long id) {
        manageable(actor, id);
        library.retry(id);
        return library.status(id).orElseThrow();
    }

    private void manageable(Actor actor, long id) {
        actor.require(Permission.LESSON_MANAGE);
        if (!actor.isDistrictWide() || library.status(id).isEmpty()) {
            throw ApiProblem.notFound("该媒体", "The media asset");
        }
    }

}

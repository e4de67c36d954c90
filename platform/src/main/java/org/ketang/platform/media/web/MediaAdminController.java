package org.ketang.platform.media.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.media.AssetAccess;
import org.ketang.platform.media.AssetAccess.Access;
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
 * The transcode queue for administrators, and the progress of one asset for the upload page. Who may see or act on
 * an asset is answered by the module that owns it ({@link AssetAccess}).
 */
@RestController
@RequestMapping("/api/v1/media")
@Tag(name = "media", description = "转码队列 / transcode queue")
class MediaAdminController {

    private final MediaLibrary library;
    private final MediaJobs jobs;
    private final List<AssetAccess> owners;

    MediaAdminController(MediaLibrary library, MediaJobs jobs, List<AssetAccess> owners) {
        this.library = library;
        this.jobs = jobs;
        this.owners = List.copyOf(owners);
    }

    /** The queue: everything for district-wide managers; a school's lesson managers see their school's assets. */
    @GetMapping("/jobs")
    List<MediaJobs.JobView> jobs(Actor actor, @RequestParam @Nullable JobState state,
            @RequestParam(defaultValue = "200") int limit) {
        actor.require(Permission.LESSON_MANAGE);
        int max = Math.max(1, Math.min(1000, limit));
        if (actor.isDistrictWide()) {
            return jobs.list(state, max);
        }
        // a school's share of the newest jobs; the owner modules decide what is in reach
        return jobs.list(state, 1000).stream().filter(j -> access(actor, j.ownerRef()).atLeast(Access.FOLLOW))
                .limit(max).toList();
    }

    /** Progress of an asset (percent, ETA, renditions published), polled by the upload page. */
    @GetMapping("/assets/{id}")
    Status asset(Actor actor, @PathVariable long id) {
        if (!actor.can(Permission.LESSON_MANAGE) && !actor.can(Permission.LESSON_UPLOAD)) {
            throw ApiProblem.forbidden();
        }
        return reachable(actor, id, Access.FOLLOW);
    }

    @PostMapping("/assets/{id}/cancel")
    Status cancel(Actor actor, @PathVariable long id) {
        actor.require(Permission.LESSON_MANAGE);
        reachable(actor, id, Access.MANAGE);
        library.cancel(id);
        return library.status(id).orElseThrow();
    }

    @PostMapping("/assets/{id}/retry")
    Status retry(Actor actor, @PathVariable long id) {
        actor.require(Permission.LESSON_MANAGE);
        reachable(actor, id, Access.MANAGE);
        library.retry(id);
        return library.status(id).orElseThrow();
    }

    /** The asset's status when the actor has at least {@code needed} access; 404 otherwise (never reveal which). */
    private Status reachable(Actor actor, long id, Access needed) {
        return library.status(id).filter(s -> access(actor, s.ownerRef()).atLeast(needed))
                .orElseThrow(() -> ApiProblem.notFound("该媒体", "The media asset"));
    }

    private Access access(Actor actor, String ownerRef) {
        if (actor.isDistrictWide() && actor.can(Permission.LESSON_MANAGE)) {
            return Access.MANAGE;
        }
        Access widest = Access.NONE;
        for (AssetAccess owner : owners) {
            Access a = owner.of(actor, ownerRef);
            if (a.atLeast(widest)) {
                widest = a;
            }
        }
        return widest;
    }
}

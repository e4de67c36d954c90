package org.ketang.platform.library.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.library.internal.Lesson;
import org.ketang.platform.library.internal.Lessons;
import org.ketang.platform.library.internal.Playlists;
import org.ketang.platform.library.internal.Viewer;
import org.ketang.platform.library.internal.Watching;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Personal spaces (网络空间人人通) and playlists. Everyone signed in has a space; what it shows is filtered
 * for whoever looks at it: lessons and playlist items the viewer may not see are left out.
 */
@RestController
@RequestMapping("/api/v1")
class SpacesController {

    private final Lessons lessons;
    private final Watching watching;
    private final Playlists playlists;
    private final UserAccounts accounts;

    SpacesController(Lessons lessons, Watching watching, Playlists playlists, UserAccounts accounts) {
        this.lessons = lessons;
        this.watching = watching;
        this.playlists = playlists;
        this.accounts = accounts;
    }

    record Owner(long id, String displayName) {
    }

    record PlaylistSummary(long id, String title, String description, boolean shared, int lessons, Instant updatedAt) {
    }

    record PlaylistView(long id, Owner owner, String title, String description, boolean shared, List<LessonView> lessons,
            boolean mine) {
    }

    record HistoryView(LessonView lesson, int positionSeconds, Instant at) {
    }

    record Space(Owner user, List<LessonView> lessons, List<LessonView> favourites, List<PlaylistSummary> playlists,
            @Nullable List<HistoryView> history) {
    }

    @GetMapping("/spaces/{userId}")
    Space space(Actor actor, @PathVariable long userId) {
        Viewer viewer = Viewer.of(actor);
        return space(viewer, owner(userId), actor.userId() == userId, false);
    }

    @GetMapping("/me/space")
    Space mySpace(Actor actor) {
        return space(Viewer.of(actor), new Owner(actor.userId(), actor.displayName()), true, true);
    }

    private Space space(Viewer viewer, Owner owner, boolean mine, boolean withHistory) {
        List<LessonView> own = lessons.ownedBy(owner.id(), viewer, 100).stream().map(l -> LessonView.of(l, viewer)).toList();
        List<LessonView> favourites = visibleInOrder(viewer, watching.favourites(owner.id()));
        List<PlaylistSummary> lists = playlists.of(owner.id(), !mine).stream()
                .map(p -> new PlaylistSummary(p.id(), p.title(), p.description(), p.shared(),
                        lessons.listableAmong(viewer, playlists.items(p.id())).size(), p.updatedAt()))
                .toList();
        List<HistoryView> history = null;
        if (withHistory) {
            var entries = watching.history(owner.id(), 50);
            Map<Long, Lesson> seen = lessons.findAll(entries.stream().map(Watching.HistoryEntry::lessonId).toList()).stream()
                    .filter(viewer::sees).collect(Collectors.toMap(Lesson::id, Function.identity()));
            history = new ArrayList<>();
            for (var e : entries) {
                Lesson l = seen.get(e.lessonId());
                if (l != null) {
                    history.add(new HistoryView(LessonView.of(l, viewer), e.positionSeconds(), e.at()));
                }
            }
        }
        return new Space(owner, own, favourites, lists, history);
    }

    /** The lessons among {@code ids} the viewer may list, in the order of {@code ids}. */
    private List<LessonView> visibleInOrder(Viewer viewer, List<Long> ids) {
        Set<Long> listable = new HashSet<>(lessons.listableAmong(viewer, ids));
        return lessons.findAll(ids.stream().filter(listable::contains).toList()).stream()
                .map(l -> LessonView.of(l, viewer)).toList();
    }

    private Owner owner(long userId) {
        return accounts.find(userId).filter(UserAccounts.Account::enabled)
                .map(a -> new Owner(a.id(), a.displayName()))
                .orElseThrow(() -> ApiProblem.notFound("用户", "User"));
    }

    // ------------------------------------------------------------------ playlists

    record PlaylistRequest(@NotBlank @Size(max = 200) String title, @Nullable @Size(max = 2000) String description,
            boolean shared) {
    }

    record Order(@NotNull List<Long> lessonIds) {
    }

    @PostMapping("/playlists")
    @ResponseStatus(HttpStatus.CREATED)
    PlaylistView create(Actor actor, @Valid @RequestBody PlaylistRequest body) {
        long id = playlists.create(actor.userId(), body.title(), body.description() == null ? "" : body.description(),
                body.shared());
        return view(actor, id);
    }

    /** A playlist: its owner's, or anyone's when shared; it lists only the lessons the viewer may see. */
    @GetMapping("/playlists/{id}")
    PlaylistView get(Actor actor, @PathVariable long id) {
        return view(actor, id);
    }

    @PutMapping("/playlists/{id}")
    PlaylistView update(Actor actor, @PathVariable long id, @Valid @RequestBody PlaylistRequest body) {
        owned(actor, id);
        playlists.update(id, body.title(), body.description() == null ? "" : body.description(), body.shared());
        return view(actor, id);
    }

    @DeleteMapping("/playlists/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable long id) {
        owned(actor, id);
        playlists.delete(id);
    }

    /** Adds a lesson the owner may see. */
    @PutMapping("/playlists/{id}/lessons/{lessonId}")
    PlaylistView add(Actor actor, @PathVariable long id, @PathVariable long lessonId) {
        owned(actor, id);
        lessons.find(lessonId).filter(Viewer.of(actor)::sees).orElseThrow(() -> ApiProblem.notFound("课例", "Lesson"));
        playlists.add(id, lessonId);
        return view(actor, id);
    }

    @DeleteMapping("/playlists/{id}/lessons/{lessonId}")
    PlaylistView remove(Actor actor, @PathVariable long id, @PathVariable long lessonId) {
        owned(actor, id);
        playlists.remove(id, lessonId);
        return view(actor, id);
    }

    /** Puts the playlist's lessons in a new order; the list must name exactly its lessons (409 otherwise). */
    @PutMapping("/playlists/{id}/order")
    PlaylistView reorder(Actor actor, @PathVariable long id, @Valid @RequestBody Order body) {
        owned(actor, id);
        playlists.reorder(id, body.lessonIds());
        return view(actor, id);
    }

    private Playlists.Playlist owned(Actor actor, long id) {
        var playlist = seen(actor, id);
        if (playlist.ownerUserId() != actor.userId()) {
            throw ApiProblem.forbidden();
        }
        return playlist;
    }

    private Playlists.Playlist seen(Actor actor, long id) {
        return playlists.find(id).filter(p -> p.seenBy(actor.userId()))
                .orElseThrow(() -> ApiProblem.notFound("播放列表", "Playlist"));
    }

    private PlaylistView view(Actor actor, long id) {
        var p = seen(actor, id);
        Viewer viewer = Viewer.of(actor);
        Owner owner = accounts.find(p.ownerUserId()).map(a -> new Owner(a.id(), a.displayName()))
                .orElse(new Owner(p.ownerUserId(), ""));
        return new PlaylistView(p.id(), owner, p.title(), p.description(), p.shared(),
                visibleInOrder(viewer, playlists.items(id)), p.ownerUserId() == actor.userId());
    }
}

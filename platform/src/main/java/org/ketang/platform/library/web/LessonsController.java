package org.ketang.platform.library.web;


import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.OrganizationSettings;
import org.ketang.platform.library.PlaybackLinks;
import org.ketang.platform.library.Visibility;
import org.ketang.platform.library.internal.Lesson;
import org.ketang.platform.library.internal.LessonIndex;
import org.ketang.platform.library.internal.Lessons;
import org.ketang.platform.library.internal.Library;
import org.ketang.platform.library.internal.Statistics;
import org.ketang.platform.library.internal.Viewer;
import org.ketang.platform.library.internal.Watching;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Lessons: browse, grade × subject matrix, search, one lesson, edit, delete, favourite, progress, playback and
 * statistics. Every lesson goes through {@link Viewer}: one out of sight is a 404 on every endpoint.
 */
@RestController
@RequestMapping("/api/v1/lessons")
class LessonsController {

    private final Lessons lessons;
    private final Library library;
    private final Watching watching;
    private final LessonIndex index;
    private final Statistics statistics;
    private final ObjectProvider<PlaybackLinks> playbackLinks;
    private final org.ketang.platform.library.internal.IndexUpdates rebuild;

    private final OrganizationSettings organization;
    private final org.ketang.platform.library.internal.Recommendations recommendations;

    LessonsController(Lessons lessons, Library library, Watching watching, LessonIndex index, Statistics statistics,
            ObjectProvider<PlaybackLinks> playbackLinks, org.ketang.platform.library.internal.IndexUpdates rebuild,
            OrganizationSettings organization, org.ketang.platform.library.internal.Recommendations recommendations) {
        this.organization = organization;
        this.recommendations = recommendations;
        this.lessons = lessons;
        this.library = library;
        this.watching = watching;
        this.index = index;
        this.statistics = statistics;
        this.playbackLinks = playbackLinks;
        this.rebuild = rebuild;
    }

    record PageView(List<LessonView> items, long total, int page, int size) {
    }

    @GetMapping
    PageView browse(Actor actor, @RequestParam @Nullable Long schoolId, @RequestParam @Nullable Long gradeId,
            @RequestParam @Nullable Long subjectId, @RequestParam @Nullable Long teacherId,
            @RequestParam @Nullable LocalDate from, @RequestParam @Nullable LocalDate to,
            @RequestParam(defaultValue = "newest") String sort, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        Viewer viewer = Viewer.of(actor);
        int pageSize = pageSize(size);
        Lessons.Sort order = "views".equalsIgnoreCase(sort) ? Lessons.Sort.VIEWS : Lessons.Sort.NEWEST;
        var found = lessons.browse(viewer, new Lessons.Filter(schoolId, gradeId, subjectId, teacherId, from, to), order,
                Math.max(0, page), pageSize);
        return new PageView(found.items().stream().map(l -> LessonView.of(l, viewer)).toList(), found.total(),
                Math.max(0, page), pageSize);
    }

    record Matrix(List<LessonView.Ref> grades, List<LessonView.Ref> subjects, List<Cell> cells) {
    }

    record Cell(long gradeId, long subjectId, long count) {
    }

    /** Counts of the lessons the actor may see per grade and subject (颗粒度). */
    @GetMapping("/matrix")
    Matrix matrix(Actor actor, @RequestParam @Nullable Long schoolId) {
        var cells = lessons.matrix(Viewer.of(actor), schoolId);
        Map<Long, LessonView.Ref> grades = new LinkedHashMap<>();
        Map<Long, LessonView.Ref> subjects = new LinkedHashMap<>();
        List<Cell> out = new ArrayList<>();
        for (var c : cells) {
            grades.putIfAbsent(c.gradeId(), new LessonView.Ref(c.gradeId(), c.gradeName()));
            subjects.putIfAbsent(c.subjectId(), new LessonView.Ref(c.subjectId(), c.subjectName()));
            out.add(new Cell(c.gradeId(), c.subjectId(), c.count()));
        }
        return new Matrix(List.copyOf(grades.values()),
                subjects.values().stream().sorted(java.util.Comparator.comparingLong(LessonView.Ref::id)).toList(), out);
    }

    record SearchHit(LessonView lesson, String titleHtml, String descriptionHtml) {
    }

    record SearchResult(List<SearchHit> hits, long total, int page, int size, Map<String, List<LessonIndex.FacetValue>> facets,
            long tookMillis) {
    }

    @GetMapping("/search")
    SearchResult search(Actor actor, @RequestParam(defaultValue = "") String q, @RequestParam @Nullable Long schoolId,
            @RequestParam @Nullable Long gradeId, @RequestParam @Nullable Long subjectId,
            @RequestParam @Nullable Long teacherId, @RequestParam @Nullable LocalDate from,
            @RequestParam @Nullable LocalDate to, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        long start = System.nanoTime();
        Viewer viewer = Viewer.of(actor);
        int pageSize = pageSize(size);
        String text = q.length() > 200 ? q.substring(0, 200) : q;
        var result = index.search(viewer, text, new Lessons.Filter(schoolId, gradeId, subjectId, teacherId, from, to),
                Math.max(0, page), pageSize);
        List<SearchHit> hits = new ArrayList<>();
        // the index filters by visibility already; the database has the last word (a change not yet indexed)
        for (Lesson lesson : lessons.findAll(result.ids())) {
            if (viewer.sees(lesson) && (lesson.status().watchable() || lesson.ownedBy(viewer.userId()))) {
                hits.add(new SearchHit(LessonView.of(lesson, viewer), index.highlight(text, "title", lesson.title(), 200),
                        index.highlight(text, "description", lesson.description(), 120)));
            }
        }
        return new SearchResult(hits, result.total(), Math.max(0, page), pageSize, result.facets(),
                (System.nanoTime() - start) / 1_000_000);
    }

    record Rebuilt(int lessons, long tookMillis) {
    }

    /** Rebuilds the search index from the database (district-wide lesson managers). */
    @PostMapping("/search/rebuild")
    Rebuilt rebuild(Actor actor) {
        if (!actor.can(Permission.LESSON_MANAGE) || !actor.isDistrictWide()) {
            throw ApiProblem.forbidden();
        }
        long start = System.nanoTime();
        int n = rebuild.rebuild();
        return new Rebuilt(n, (System.nanoTime() - start) / 1_000_000);
    }

    @GetMapping("/{id}")
    LessonView get(Actor actor, @PathVariable long id) {
        Viewer viewer = Viewer.of(actor);
        Lesson lesson = visible(actor, viewer, id);
        return LessonView.of(lesson, viewer, watching.isFavourite(actor.userId(), id),
                watching.resumeAt(actor.userId(), id).orElse(null));
    }

    /** The lesson made from one of my uploads; 404 until the library has taken the upload in. */
    @GetMapping("/by-upload/{uploadId}")
    LessonView byUpload(Actor actor, @PathVariable String uploadId) {
        Viewer viewer = Viewer.of(actor);
        Lesson lesson = lessons.findBySource("upload:" + uploadId).filter(viewer::sees)
                .orElseThrow(() -> ApiProblem.notFound("课例", "Lesson"));
        return LessonView.of(lesson, viewer);
    }

    /**
     * The lesson's poster for cards and lists: a redirect to the signed image, without counting a view (only
     * {@code /playback} does).
     */
    @GetMapping("/{id}/poster")
    ResponseEntity<Void> poster(Actor actor, @PathVariable long id) {
        Lesson lesson = visible(actor, Viewer.of(actor), id);
        PlaybackLinks provider = playbackLinks.getIfAvailable();
        Optional<String> poster = lesson.assetId() == null || provider == null || !lesson.hasPoster() ? Optional.empty()
                : provider.linksFor(lesson.assetId(), actor.userId()).map(PlaybackLinks.Links::posterUrl);
        return poster.map(url -> ResponseEntity.status(HttpStatus.FOUND).location(java.net.URI.create(url))
                .cacheControl(org.springframework.http.CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePrivate())
                .<Void>build()).orElseThrow(() -> ApiProblem.notFound("海报", "Poster"));
    }

    record EditRequest(@NotBlank @Size(max = 200) String title, @Nullable @Size(max = 4000) String description,
            @Nullable Long classId, @Nullable Long subjectId, @Nullable Long teacherStaffId,
            @Nullable @Size(max = 200) String chapter, @Nullable @Size(max = 20) List<@Size(max = 40) String> tags,
            @NotNull LocalDate recordedOn, @Nullable @Min(1) @Max(20) Integer period, @NotNull Visibility visibility,
            boolean downloadable) {
    }

    /** Edits classification, description and visibility: the lesson's teacher, its uploader or a lesson manager. */
    @PutMapping("/{id}")
    LessonView edit(Actor actor, @PathVariable long id, @Valid @RequestBody EditRequest body) {
        Viewer viewer = Viewer.of(actor);
        Lesson lesson = editable(viewer, id);
        Lesson edited = library.edit(lesson, new Library.Edit(body.title(), body.description() == null ? "" : body.description(),
                body.classId(), body.subjectId(), body.teacherStaffId(), body.chapter(),
                body.tags() == null ? List.of() : body.tags(), body.recordedOn(), body.period(), body.visibility(),
                body.downloadable()));
        return LessonView.of(edited, viewer);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable long id) {
        library.delete(editable(Viewer.of(actor), id));
    }

    @PutMapping("/{id}/favourite")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void favour(Actor actor, @PathVariable long id) {
        visible(actor, Viewer.of(actor), id);
        watching.favour(actor.userId(), id);
    }

    @DeleteMapping("/{id}/favourite")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unfavour(Actor actor, @PathVariable long id) {
        watching.unfavour(actor.userId(), id);
    }

    record Progress(@NotNull @Min(0) Integer positionSeconds, @Min(0) @Max(3600) int watchedSeconds) {
    }

    /** Where the viewer is ({@code positionSeconds}) and how much they watched since their last report. */
    @PostMapping("/{id}/progress")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void progress(Actor actor, @PathVariable long id, @Valid @RequestBody Progress body) {
        Lesson lesson = visible(actor, Viewer.of(actor), id);
        watching.progress(actor.userId(), lesson, body.positionSeconds(), body.watchedSeconds());
    }

    record Playback(String hlsUrl, @Nullable String posterUrl, @Nullable String spriteVttUrl,
            @Nullable String downloadUrl, @Nullable Integer resumeAt) {
    }

    /** Signed playback links for one viewer; starting playback counts a view (once per 30 minutes). */
    @GetMapping("/{id}/playback")
    Playback playback(Actor actor, @PathVariable long id) {
        Viewer viewer = Viewer.of(actor);
        Lesson lesson = visible(actor, viewer, id);
        PlaybackLinks provider = playbackLinks.getIfAvailable();
        Optional<PlaybackLinks.Links> links = lesson.assetId() == null || provider == null || !lesson.status().watchable()
                ? Optional.empty() : provider.linksFor(lesson.assetId(), actor.userId());
        if (links.isEmpty()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "not-playable", "课例尚不能播放", "The lesson cannot be played yet");
        }
        watching.view(actor.userId(), lesson);
        var l = links.get();
        return new Playback(l.hlsUrl(), lesson.hasPoster() ? l.posterUrl() : null, lesson.hasSprite() ? l.spriteVttUrl() : null,
                viewer.downloads(lesson) ? provider.downloadUrl(lesson.assetId(), actor.userId(), lesson.title()).orElse(null)
                        : null,
                watching.resumeAt(actor.userId(), id).orElse(null));
    }

    /** Views, viewers and watch time per day, top lessons and per school totals (LESSON_MANAGE). */
    @GetMapping("/stats")
    Statistics.Report stats(Actor actor, @RequestParam @Nullable Long schoolId, @RequestParam @Nullable LocalDate from,
            @RequestParam @Nullable LocalDate to) {
        actor.require(Permission.LESSON_MANAGE);
        Long school = schoolId;
        if (!actor.isDistrictWide()) {
            if (actor.schoolId() == null || (schoolId != null && !actor.reachesWholeSchool(schoolId))) {
                throw ApiProblem.notFound("学校", "School");
            }
            school = actor.schoolId();
        }
        LocalDate end = to == null ? LocalDate.now(organization.zone()) : to;
        LocalDate begin = from == null ? end.minusDays(29) : from;
        if (begin.isAfter(end) || begin.plusDays(366).isBefore(end)) {
            throw ApiProblem.invalid("日期范围无效（最长一年）", "Invalid date range (one year at most)");
        }
        return statistics.report(school, begin, end);
    }

    /** The lesson if the actor sees it, or it is recommended to their own or their child's class; 404 otherwise. */
    private Lesson visible(Actor actor, Viewer viewer, long id) {
        return lessons.find(id).filter(l -> viewer.sees(l) || recommendations.grants(actor, l))
                .orElseThrow(() -> ApiProblem.notFound("课例", "Lesson"));
    }

    private Lesson editable(Viewer viewer, long id) {
        Lesson lesson = lessons.find(id).filter(viewer::sees).orElseThrow(() -> ApiProblem.notFound("课例", "Lesson"));
        if (!viewer.edits(lesson)) {
            throw ApiProblem.forbidden();
        }
        return lesson;
    }

    static int pageSize(int size) {
        return Math.min(100, Math.max(1, size));
    }
}

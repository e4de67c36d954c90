package org.ketang.platform.observation.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.observation.ResearcherSubjects;
import org.ketang.platform.observation.internal.Comment;
import org.ketang.platform.observation.internal.ObservationStream;
import org.ketang.platform.observation.internal.ObservedLesson;
import org.ketang.platform.observation.internal.ObservedLessons;
import org.ketang.platform.observation.internal.Observing;
import org.ketang.platform.observation.internal.Scorecard;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Observation (教研听课, 网络评课): open a live class or a library lesson for observation, follow its comments and scores
 * as they come (server-sent events), post time-coded comments and rubric scores, and read the totals per lesson and
 * per teacher.
 */
@RestController
@RequestMapping("/api/v1/observation")
@Tag(name = "observation", description = "教研听课 / lesson observation")
class ObservationController {

    private final Observing observing;
    private final ObservedLessons store;
    private final ObservationStream stream;
    private final ResearcherSubjects researcherSubjects;

    ObservationController(Observing observing, ObservedLessons store, ObservationStream stream,
            ResearcherSubjects researcherSubjects) {
        this.observing = observing;
        this.store = store;
        this.stream = stream;
        this.researcherSubjects = researcherSubjects;
    }

    /**
     * An observed lesson with everything on its timeline.
     *
     * @param live       still a live class (comments go at the moment seen)
     * @param timeZero   time 0 of the timeline: the live class's start, then the recording's
     * @param canComment whether the viewer may comment and score (a researcher: their subjects)
     */
    record ObservationView(long id, long schoolId, @Nullable Long classroomId, @Nullable Long lessonId, boolean live,
            @Nullable Instant timeZero, LocalDate date, @Nullable Integer period, String title,
            @Nullable String className, @Nullable String subjectName, @Nullable String teacherName, boolean canComment,
            List<Comment> comments, List<Scorecard> scorecards, @Nullable BigDecimal average) {
    }

    record CommentRequest(@NotBlank @Size(max = 1000) String body, @Nullable Long offsetMs, @Nullable Long latencyMs) {
    }

    record ScoreRequest(@NotNull Long criterionId, @NotNull BigDecimal score) {
    }

    record ScorecardRequest(@NotNull Long rubricId, @NotNull @Size(min = 1, max = 30) List<@Valid ScoreRequest> scores) {
    }

    record SubjectsRequest(@NotNull @Size(max = 50) List<Long> subjectIds) {
    }

    /** Opens (or finds) the observation of the classroom's live class; 409 {@code not-live} when off air. */
    @PostMapping("/live/{classroomId}")
    ObservationView openLive(Actor actor, @PathVariable long classroomId) {
        actor.require(Permission.OBSERVE);
        return view(actor, observing.openLive(actor, classroomId));
    }

    /** Opens (or finds) the observation of a library lesson. */
    @PostMapping("/lessons/{lessonId}")
    ObservationView openLesson(Actor actor, @PathVariable long lessonId) {
        actor.require(Permission.OBSERVE);
        return view(actor, observing.openLesson(actor, lessonId));
    }

    @GetMapping("/{id}")
    ObservationView one(Actor actor, @PathVariable long id) {
        actor.require(Permission.OBSERVE);
        return view(actor, observing.visible(actor, id));
    }

    /** The comments ({@code comment}), scorecards ({@code scores}) and the move to the recording ({@code recorded}). */
    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(Actor actor, @PathVariable long id, HttpServletResponse response) {
        actor.require(Permission.OBSERVE);
        ObservedLesson o = observing.visible(actor, id);
        response.setHeader("X-Accel-Buffering", "no");
        response.setHeader("Cache-Control", "no-store");
        return stream.watch(o.id());
    }

    @PostMapping("/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    Comment comment(Actor actor, @PathVariable long id, @Valid @RequestBody CommentRequest request) {
        actor.require(Permission.OBSERVE);
        return observing.comment(actor, id, request.body(), request.offsetMs(), request.latencyMs());
    }

    /** The observer's rubric scores (every criterion once); replaces their earlier scorecard of the lesson. */
    @PutMapping("/{id}/scorecard")
    Scorecard score(Actor actor, @PathVariable long id, @Valid @RequestBody ScorecardRequest request) {
        actor.require(Permission.OBSERVE);
        Map<Long, BigDecimal> scores = new HashMap<>();
        for (ScoreRequest s : request.scores()) {
            if (scores.put(s.criterionId(), s.score()) != null) {
                throw ApiProblem.invalid("每项指标只能打一次分", "Score each criterion once");
            }
        }
        return observing.score(actor, id, request.rubricId(), scores);
    }

    /** Per observed lesson from {@code from} to {@code to}: scorecards, comments, average weighted total. */
    @GetMapping("/reports/lessons")
    List<ObservedLessons.LessonTotals> lessonReport(Actor actor, @RequestParam(required = false) Long schoolId,
            @RequestParam LocalDate from, @RequestParam LocalDate to) {
        actor.require(Permission.OBSERVE);
        return store.lessonTotals(actor.schoolToQuery(schoolId), from, range(from, to));
    }

    /** Per teacher from {@code from} to {@code to}: lessons observed, scorecards, average weighted total. */
    @GetMapping("/reports/teachers")
    List<ObservedLessons.TeacherTotals> teacherReport(Actor actor, @RequestParam(required = false) Long schoolId,
            @RequestParam LocalDate from, @RequestParam LocalDate to) {
        actor.require(Permission.OBSERVE);
        return store.teacherTotals(actor.schoolToQuery(schoolId), from, range(from, to));
    }

    @GetMapping("/researchers/{userId}/subjects")
    Set<Long> subjects(Actor actor, @PathVariable long userId) {
        if (actor.userId() != userId) {
            requireSubjectManager(actor);
        }
        return researcherSubjects.of(userId);
    }

    /** Which subjects a researcher observes (district-wide RUBRIC_MANAGE). */
    @PutMapping("/researchers/{userId}/subjects")
    Set<Long> assign(Actor actor, @PathVariable long userId, @Valid @RequestBody SubjectsRequest request) {
        requireSubjectManager(actor);
        researcherSubjects.assign(userId, request.subjectIds());
        return researcherSubjects.of(userId);
    }

    private static void requireSubjectManager(Actor actor) {
        actor.require(Permission.RUBRIC_MANAGE);
        if (!actor.isDistrictWide()) {
            throw ApiProblem.forbidden();
        }
    }

    private static LocalDate range(LocalDate from, LocalDate to) {
        if (to.isBefore(from) || to.isAfter(from.plusDays(366))) {
            throw ApiProblem.invalid("日期范围应在一年之内且结束不早于开始", "The range must end after it starts, within a year");
        }
        return to;
    }

    private ObservationView view(Actor actor, ObservedLesson o) {
        List<Scorecard> cards = observing.scorecards(o);
        BigDecimal average = cards.isEmpty() ? null
                : cards.stream().map(Scorecard::total).reduce(BigDecimal.ZERO, BigDecimal::add)
                        .divide(BigDecimal.valueOf(cards.size()), 2, java.math.RoundingMode.HALF_UP);
        return new ObservationView(o.id(), o.schoolId(), o.classroomId(), o.lessonId(), o.live(), o.timeZero(),
                o.date(), o.periodNo(), o.title(), o.className(), o.subjectName(), o.teacherName(),
                observing.mayComment(actor, o), observing.comments(o), cards, average);
    }
}

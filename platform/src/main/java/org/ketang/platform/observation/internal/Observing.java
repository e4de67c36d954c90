package org.ketang.platform.observation.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.library.WatchedLessons;
import org.ketang.platform.live.LiveClasses;
import org.ketang.platform.live.LiveRecorded;
import org.ketang.platform.observation.Rubric;
import org.ketang.platform.observation.Rubrics;
import org.ketang.platform.organization.Directory;
import org.ketang.platform.organization.Happening;
import org.ketang.platform.organization.OrganizationSettings;
import org.ketang.platform.organization.Timetables;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Observing a lesson: open it (a classroom's live class, or a library lesson), read and post time-coded comments,
 * score it with a rubric. Every answer goes to the lesson's other observers at once. When a live class becomes a
 * library lesson its observation moves onto the recording's timeline.
 */
@Service
@Transactional
public class Observing {

    /** The largest delay behind the live edge a viewer may claim for a live comment. */
    static final Duration MAX_LATENCY = Duration.ofSeconds(60);
    static final long MAX_OFFSET_MS = Duration.ofHours(12).toMillis();

    private final ObservedLessons store;
    private final Observers observers;
    private final Rubrics rubrics;
    private final LiveClasses live;
    private final WatchedLessons lessons;
    private final Directory directory;
    private final Timetables timetables;
    private final OrganizationSettings organization;
    private final ObservationStream stream;
    private final Clock clock = Clock.systemUTC();

    Observing(ObservedLessons store, Observers observers, Rubrics rubrics, LiveClasses live, WatchedLessons lessons,
            Directory directory, Timetables timetables, OrganizationSettings organization, ObservationStream stream) {
        this.store = store;
        this.observers = observers;
        this.rubrics = rubrics;
        this.live = live;
        this.lessons = lessons;
        this.directory = directory;
        this.timetables = timetables;
        this.organization = organization;
        this.stream = stream;
    }

    /** The observation of a classroom's live class (made on first use); 409 {@code not-live} when it is off air. */
    public ObservedLesson openLive(Actor actor, long classroomId) {
        Directory.ClassroomInfo room = directory.classroom(classroomId).filter(r -> observers.reads(actor, r.schoolId()))
                .orElseThrow(() -> ApiProblem.notFound("该教室", "The classroom"));
        LiveClasses.OnAir onAir = live.onAir(classroomId).orElseThrow(() -> new ApiProblem(HttpStatus.CONFLICT,
                "not-live", "该教室当前没有直播", "This classroom is not live now"));
        Optional<ObservedLesson> known = store.ofLiveSession(onAir.sessionId());
        if (known.isPresent()) {
            return known.get();
        }
        Instant now = clock.instant();
        Happening h = timetables.whatIsHappening(classroomId, now).orElse(null);
        String title = room.name() + (h == null ? "" : " · " + h.classFullName() + " " + h.subjectName());
        ObservedLesson draft = h == null
                ? new ObservedLesson(0, room.schoolId(), classroomId, onAir.sessionId(), null, onAir.startedAt(),
                        LocalDate.ofInstant(now, organization.zone()), null, title, null, null, null, null, null, null)
                : new ObservedLesson(0, room.schoolId(), classroomId, onAir.sessionId(), null, onAir.startedAt(),
                        h.date(), h.period().no(), title, h.classFullName(), h.gradeName(), h.subjectId(),
                        h.subjectName(), h.teacherId(), h.teacherName());
        try {
            return store.find(store.insert(draft)).orElseThrow();
        } catch (DuplicateKeyException raced) { // another observer opened it at the same moment
            return store.ofLiveSession(onAir.sessionId()).orElseThrow();
        }
    }

    /** The observation of a library lesson the actor may watch (made on first use). */
    public ObservedLesson openLesson(Actor actor, long lessonId) {
        WatchedLessons.Facts f = lessons.seenBy(actor, lessonId).orElseThrow(() -> ApiProblem.notFound("该课例", "The lesson"));
        if (!observers.reads(actor, f.schoolId())) {
            throw ApiProblem.forbidden();
        }
        Optional<ObservedLesson> known = store.ofLesson(lessonId);
        if (known.isPresent()) {
            return known.get();
        }
        ObservedLesson draft = new ObservedLesson(0, f.schoolId(), f.classroomId(), null, lessonId,
                f.recordingStartedAt(), f.recordedOn(), f.periodNo(), f.title(), f.className(), f.gradeName(),
                f.subjectId(), f.subjectName(), f.teacherStaffId(), f.teacherName());
        try {
            return store.find(store.insert(draft)).orElseThrow();
        } catch (DuplicateKeyException raced) {
            return store.ofLesson(lessonId).orElseThrow();
        }
    }

    /** An observed lesson the actor may read, else 404. */
    @Transactional(readOnly = true)
    public ObservedLesson visible(Actor actor, long observedId) {
        return store.find(observedId).filter(o -> observers.reads(actor, o.schoolId()))
                .filter(o -> o.lessonId() == null || lessons.seenBy(actor, o.lessonId()).isPresent())
                .orElseThrow(() -> ApiProblem.notFound("该听课记录", "The observation"));
    }

    /** Whether the actor may comment on and score the observed lesson (a researcher: their subjects). */
    @Transactional(readOnly = true)
    public boolean mayComment(Actor actor, ObservedLesson o) {
        return observers.comments(actor, o.schoolId(), o.subjectId());
    }

    @Transactional(readOnly = true)
    public List<Comment> comments(ObservedLesson o) {
        return store.comments(o.id());
    }

    @Transactional(readOnly = true)
    public List<Scorecard> scorecards(ObservedLesson o) {
        return store.scorecards(o.id());
    }

    /**
     * Posts a comment at {@code offsetMs} (the player's time, for a recording) or, on a live class without one, at the
     * moment the viewer saw: now less {@code latencyMs} (their player's delay behind the live edge, at most a minute).
     */
    public Comment comment(Actor actor, long observedId, String body, @Nullable Long offsetMs, @Nullable Long latencyMs) {
        ObservedLesson o = visible(actor, observedId);
        requireCommenter(actor, o);
        long at;
        if (offsetMs != null) {
            if (offsetMs < 0 || offsetMs > MAX_OFFSET_MS) {
                throw ApiProblem.invalid("时间点应在课堂时长之内", "The time must lie within the lesson");
            }
            at = offsetMs;
        } else if (o.live() && o.timeZero() != null) {
            long latency = latencyMs == null ? 0 : Math.max(0, Math.min(latencyMs, MAX_LATENCY.toMillis()));
            at = Math.max(0, Duration.between(o.timeZero(), clock.instant()).toMillis() - latency);
        } else {
            throw ApiProblem.invalid("请给出评论对应的播放时间", "Give the player time of the comment (offsetMs)");
        }
        Comment comment = store.addComment(o.id(), actor.userId(), actor.displayName(), at, body.strip());
        stream.publish(o.id(), "comment", comment);
        return comment;
    }

    /** Scores the lesson with a rubric (replacing the observer's earlier scorecard); freezes the rubric. */
    public Scorecard score(Actor actor, long observedId, long rubricId, Map<Long, BigDecimal> scores) {
        ObservedLesson o = visible(actor, observedId);
        requireCommenter(actor, o);
        Rubric rubric = rubrics.find(rubricId).orElseThrow(() -> ApiProblem.notFound("该评价量表", "The rubric"));
        boolean keepsOwn = store.scorecards(o.id()).stream()
                .anyMatch(c -> c.observerId() == actor.userId() && c.rubricId() == rubricId);
        if (rubric.retired() && !keepsOwn) {
            throw new ApiProblem(HttpStatus.CONFLICT, "rubric-retired", "该评价量表已停用，请使用最新版本",
                    "This rubric was retired; use its newest version");
        }
        String[] problem = rubric.problemWithScores(scores);
        if (problem != null) {
            throw ApiProblem.invalid(problem[0], problem[1]);
        }
        rubrics.markUsed(rubricId);
        Scorecard card = store.saveScorecard(o.id(), rubricId, actor.userId(), actor.displayName(), scores,
                rubric.total(scores));
        stream.publish(o.id(), "scores", store.scorecards(o.id()));
        return card;
    }

    private void requireCommenter(Actor actor, ObservedLesson o) {
        if (!mayComment(actor, o)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "not-your-subject", "只能评议本人负责学科的课",
                    "You may comment only on lessons of your subjects");
        }
    }

    /** The live class became a library lesson: its comments move onto the recording's timeline. */
    @ApplicationModuleListener
    void on(LiveRecorded recorded) {
        store.ofLiveSession(recorded.sessionId()).ifPresent(o -> {
            if (Long.valueOf(recorded.lessonId()).equals(o.lessonId())) {
                return;
            }
            Instant zero = o.timeZero() != null ? o.timeZero() : recorded.sessionStartedAt();
            long shift = Duration.between(recorded.lessonStartedAt(), zero).toMillis();
            store.attachToLesson(o.id(), recorded.lessonId(), recorded.lessonStartedAt(), shift);
            stream.publish(o.id(), "recorded", Map.of("lessonId", recorded.lessonId(), "shiftMs", shift));
        });
    }
}

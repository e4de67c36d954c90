package org.ketang.platform.contests.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.contests.internal.Contest;
import org.ketang.platform.contests.internal.Contest.RoundState;
import org.ketang.platform.contests.internal.Contests;
import org.ketang.platform.contests.internal.Entries;
import org.ketang.platform.contests.internal.Judging;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.library.LessonGrants;
import org.ketang.platform.library.WatchedLessons;
import org.ketang.platform.observation.Rubric;
import org.ketang.platform.observation.Rubrics;
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

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The judge's side (CONTEST_JUDGE): their assignments, one entry with the rubric, its playback (granted by the
 * library whatever the lesson's visibility), the scorecard and time-coded comments. Another judge's assignment is
 * 404. In a blind contest nothing here names the teacher or the school, nor gives the lesson's id.
 */
@RestController
@RequestMapping("/api/v1/judging")
@Tag(name = "contests")
class JudgingController {

    private final Contests contests;
    private final Entries entries;
    private final Judging judging;
    private final Rubrics rubrics;
    private final LessonGrants grants;
    private final WatchedLessons lessons;

    JudgingController(Contests contests, Entries entries, Judging judging, Rubrics rubrics, LessonGrants grants,
            WatchedLessons lessons) {
        this.contests = contests;
        this.entries = entries;
        this.judging = judging;
        this.rubrics = rubrics;
        this.grants = grants;
        this.lessons = lessons;
    }

    /** One assignment in the judge's list; teacher and school are null in a blind contest. */
    record Task(long assignmentId, String code, long contestId, String contestName, String roundName,
            RoundState roundState, String title, String subjectName, @Nullable String gradeName,
            @Nullable String teacherName, @Nullable String schoolName, boolean blind, @Nullable BigDecimal total,
            @Nullable Instant submittedAt) {
    }

    record CommentView(long id, long offsetMs, String body, boolean published, Instant createdAt) {

        static CommentView of(Judging.Comment c) {
            return new CommentView(c.id(), c.offsetMs(), c.body(), c.published(), c.createdAt());
        }
    }

    /** One entry to judge with everything the scoring page needs. */
    record Sheet(Task task, @Nullable Integer durationSeconds, Rubric rubric, Map<Long, BigDecimal> scores,
            List<CommentView> comments, List<SubmissionsController.AttachmentView> attachments, boolean canScore) {
    }

    @GetMapping
    List<Task> mine(Actor actor) {
        actor.require(Permission.CONTEST_JUDGE);
        return entries.assignmentsOf(actor.userId()).stream().map(a -> {
            Entries.Entry e = entries.entry(a.entryId()).orElseThrow();
            return task(contestOf(e), e, a);
        }).toList();
    }

    @GetMapping("/{id}")
    Sheet sheet(Actor actor, @PathVariable long id) {
        Work w = work(actor, id);
        Entries.Submission s = w.entry().submission();
        Integer duration = lessons.find(s.lessonId()).map(WatchedLessons.Facts::durationSeconds).orElse(null);
        return new Sheet(task(w.contest(), w.entry(), w.assignment()), duration,
                rubrics.find(w.contest().rubricId()).orElseThrow(), judging.scores(id),
                judging.comments(id).stream().map(CommentView::of).toList(),
                s.attachments().stream().map(a -> SubmissionsController.AttachmentView.of(a, w.contest().blind()))
                        .toList(),
                w.contest().round(w.entry().roundId()).state() == RoundState.JUDGING);
    }

    record Playback(String hlsUrl, @Nullable String posterUrl, @Nullable String spriteVttUrl) {
    }

    /** Signed playback links for the entry's lesson, through the judge's grant in the library. */
    @GetMapping("/{id}/playback")
    Playback playback(Actor actor, @PathVariable long id) {
        Work w = work(actor, id);
        return grants.playback(w.entry().submission().lessonId(), actor.userId())
                .map(l -> new Playback(l.hlsUrl(), l.posterUrl(), l.spriteVttUrl()))
                .orElseThrow(() -> new ApiProblem(HttpStatus.CONFLICT, "not-playable", "作品暂不能播放",
                        "The entry cannot be played"));
    }

    record Score(@NotNull Long criterionId, @NotNull @Min(0) @Max(100) BigDecimal score) {
    }

    record ScorecardRequest(@NotNull @Size(max = 30) List<@Valid Score> scores, boolean handIn) {
    }

    record ScorecardView(BigDecimal total, @Nullable Instant submittedAt) {
    }

    /** Saves the scorecard; {@code handIn} hands it in (400 a criterion missing, twice or out of range). */
    @PutMapping("/{id}/scorecard")
    ScorecardView score(Actor actor, @PathVariable long id, @Valid @RequestBody ScorecardRequest request) {
        Work w = work(actor, id);
        Map<Long, BigDecimal> scores = new LinkedHashMap<>();
        for (Score s : request.scores()) {
            if (scores.put(s.criterionId(), s.score()) != null) {
                throw ApiProblem.invalid("指标 " + s.criterionId() + " 重复打分", "Criterion " + s.criterionId() + " scored twice");
            }
        }
        BigDecimal total = judging.score(w.contest(), w.entry(), w.assignment(), scores, request.handIn());
        return new ScorecardView(total, entries.assignment(id).orElseThrow().submittedAt());
    }

    record CommentRequest(@NotNull @Min(0) Long offsetMs, @NotBlank @Size(max = 2000) String body, boolean published) {
    }

    @PostMapping("/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    CommentView comment(Actor actor, @PathVariable long id, @Valid @RequestBody CommentRequest request) {
        Work w = work(actor, id);
        return CommentView.of(judging.comment(w.contest(), w.entry(), w.assignment(), request.offsetMs(),
                request.body(), request.published()));
    }

    @DeleteMapping("/{id}/comments/{commentId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteComment(Actor actor, @PathVariable long id, @PathVariable long commentId) {
        Work w = work(actor, id);
        judging.deleteComment(w.contest(), w.entry(), w.assignment(), commentId);
    }

    private record Work(Contest contest, Entries.Entry entry, Entries.Assignment assignment) {
    }

    private Work work(Actor actor, long assignmentId) {
        actor.require(Permission.CONTEST_JUDGE);
        Entries.Assignment a = entries.assignment(assignmentId).filter(x -> x.judgeUserId() == actor.userId())
                .orElseThrow(() -> ApiProblem.notFound("评审任务", "Assignment"));
        Entries.Entry e = entries.entry(a.entryId()).orElseThrow();
        return new Work(contestOf(e), e, a);
    }

    private Contest contestOf(Entries.Entry e) {
        return contests.ofRound(e.roundId()).orElseThrow();
    }

    private static Task task(Contest c, Entries.Entry e, Entries.Assignment a) {
        Entries.Submission s = e.submission();
        Contest.Round round = c.round(e.roundId());
        return new Task(a.id(), e.code(), c.id(), c.name(), round.name(), round.state(), s.title(), s.subjectName(),
                s.gradeName(), c.blind() ? null : s.teacherName(), c.blind() ? null : s.schoolName(), c.blind(),
                a.total(), a.submittedAt());
    }
}

package org.ketang.platform.contests.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.contests.internal.Contest;
import org.ketang.platform.contests.internal.Contest.RoundState;
import org.ketang.platform.contests.internal.Contests;
import org.ketang.platform.contests.internal.Entries;
import org.ketang.platform.contests.internal.Standings;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.library.LessonGrants;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The teacher's side of contests (LESSON_UPLOAD): the contests open to their school, submitting one of their READY
 * lessons with attachments (uploads made with {@code /api/v1/uploads}, purpose {@code contest-attachment}), their
 * submissions with published awards, and attachment downloads for the teacher, the organisers and assigned judges.
 */
@RestController
@RequestMapping("/api/v1/contests")
@Tag(name = "contests")
class SubmissionsController {

    private final Contests contests;
    private final Entries entries;
    private final LessonGrants lessons;

    SubmissionsController(Contests contests, Entries entries, LessonGrants lessons) {
        this.contests = contests;
        this.entries = entries;
        this.lessons = lessons;
    }

    /** A contest as a teacher sees it before submitting. */
    record OpenContest(long id, String name, String description, Instant submitOpensAt, Instant submitClosesAt,
            int entriesPerTeacher, List<Long> subjectIds, List<String> grades, long rubricId) {
    }

    /** The contests taking submissions now that admit the teacher's school. */
    @GetMapping("/open")
    List<OpenContest> open(Actor actor) {
        actor.require(Permission.LESSON_UPLOAD);
        Long school = actor.schoolId();
        Instant now = contests.now();
        return contests.all().stream().filter(c -> school != null && c.takesSubmissions(now)
                && (c.schoolIds().isEmpty() || c.schoolIds().contains(school))
                && (c.organiserSchoolId() == null || c.organiserSchoolId().equals(school)))
                .map(c -> new OpenContest(c.id(), c.name(), c.description(), c.submitOpensAt(), c.submitClosesAt(),
                        c.entriesPerTeacher(), c.subjectIds(), c.grades(), c.rubricId()))
                .toList();
    }

    record AttachmentRequest(@NotBlank String uploadId, @NotNull Entries.Kind kind) {
    }

    record SubmitRequest(@NotNull Long lessonId, @Nullable @Size(max = 10) List<@Valid AttachmentRequest> attachments) {
    }

    record AttachmentView(long id, Entries.Kind kind, String filename, long size) {

        /** In blind mode the teacher's file name (which may carry a name) becomes the kind and the extension. */
        static AttachmentView of(Entries.Attachment a, boolean blind) {
            String name = a.filename();
            if (blind) {
                int dot = name.lastIndexOf('.');
                String ext = dot < 0 ? "" : name.substring(dot).replaceAll("[^.A-Za-z0-9]", "");
                name = switch (a.kind()) {
                    case DESIGN -> "教学设计";
                    case SLIDES -> "课件";
                    case OTHER -> "附件";
                } + "-" + a.id() + ext;
            }
            return new AttachmentView(a.id(), a.kind(), name, a.size());
        }
    }

    record RoundResult(String roundName, RoundState state, Standings.@Nullable Award award) {
    }

    record SubmissionView(long id, long contestId, String contestName, long lessonId, String title, String subjectName,
            @Nullable String gradeName, Instant submittedAt, List<AttachmentView> attachments,
            List<RoundResult> rounds) {
    }

    @PostMapping("/{id}/submissions")
    @ResponseStatus(HttpStatus.CREATED)
    SubmissionView submit(Actor actor, @PathVariable long id, @Valid @RequestBody SubmitRequest request) {
        actor.require(Permission.LESSON_UPLOAD);
        Contest contest = contests.find(id).orElseThrow(() -> ApiProblem.notFound("评选活动", "Contest"));
        var lesson = lessons.ownReady(actor.userId(), request.lessonId()).orElseThrow(() -> new ApiProblem(
                HttpStatus.UNPROCESSABLE_CONTENT, "not-your-ready-lesson", "只能提交本人已处理完成（可播放）的课例",
                "Only a lesson of yours that finished processing can be submitted"));
        List<Entries.AttachmentDraft> drafts = request.attachments() == null ? List.of()
                : request.attachments().stream().map(a -> new Entries.AttachmentDraft(a.uploadId(), a.kind())).toList();
        return view(entries.submit(contest, actor, lesson, drafts));
    }

    /** The teacher's submissions with each round's award once published. */
    @GetMapping("/submissions/mine")
    List<SubmissionView> mine(Actor actor) {
        return entries.submissionsOf(actor.userId()).stream().map(this::view).toList();
    }

    @DeleteMapping("/submissions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void withdraw(Actor actor, @PathVariable long id) {
        Entries.Submission submission = entries.submission(id).filter(s -> s.teacherUserId() == actor.userId())
                .orElseThrow(() -> ApiProblem.notFound("作品", "Submission"));
        entries.withdraw(contests.find(submission.contestId()).orElseThrow(), submission);
    }

    private SubmissionView view(Entries.Submission s) {
        Contest contest = contests.find(s.contestId()).orElseThrow();
        List<RoundResult> rounds = contest.rounds().stream().flatMap(r -> entries.entries(r.id()).stream()
                .filter(e -> e.submission().id() == s.id())
                .map(e -> new RoundResult(r.name(), r.state(), r.state() == RoundState.PUBLISHED ? e.award() : null)))
                .toList();
        return new SubmissionView(s.id(), contest.id(), contest.name(), s.lessonId(), s.title(), s.subjectName(),
                s.gradeName(), s.submittedAt(), s.attachments().stream().map(a -> AttachmentView.of(a, false)).toList(),
                rounds);
    }

    /** Downloads an attachment: its teacher, the contest's organisers and judges assigned to one of its entries. */
    @GetMapping("/attachments/{id}")
    ResponseEntity<FileSystemResource> attachment(Actor actor, @PathVariable long id) {
        Entries.Attachment a = entries.attachment(id).orElseThrow(() -> ApiProblem.notFound("附件", "Attachment"));
        Entries.Submission s = entries.submission(a.submissionId()).orElseThrow();
        Contest contest = contests.find(s.contestId()).orElseThrow();
        boolean judge = actor.can(Permission.CONTEST_JUDGE) && contest.rounds().stream()
                .flatMap(r -> entries.entries(r.id()).stream()).filter(e -> e.submission().id() == s.id())
                .anyMatch(e -> e.assignments().stream().anyMatch(x -> x.judgeUserId() == actor.userId()));
        if (!(s.teacherUserId() == actor.userId() || contest.organisedBy(actor) || judge)) {
            throw ApiProblem.notFound("附件", "Attachment");
        }
        String filename = s.teacherUserId() == actor.userId() || contest.organisedBy(actor) || !contest.blind()
                ? a.filename() : AttachmentView.of(a, true).filename();
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(filename, java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.APPLICATION_OCTET_STREAM).body(new FileSystemResource(a.path()));
    }
}

package org.ketang.platform.contests.internal;

import static org.ketang.platform.contests.internal.Contests.at;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.contests.internal.Contest.Round;
import org.ketang.platform.contests.internal.Contest.RoundState;
import org.ketang.platform.contests.internal.Standings.Award;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.ingest.Upload;
import org.ketang.platform.ingest.Uploads;
import org.ketang.platform.library.LessonGrants;
import org.ketang.platform.library.WatchedLessons;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Submissions and the entries made of them in each round, with their judges: a teacher submits one of their READY
 * lessons within the window (attachments are completed uploads taken over from ingest); the organiser assigns judges
 * by hand or automatically — never a judge of the entry's own school — and each assigned judge is granted playback of
 * the lesson through the library; winners are promoted to the next round as new entries.
 */
@Service
@Transactional
public class Entries {

    private final JdbcClient jdbc;
    private final Uploads uploads;
    private final LessonGrants grants;
    private final ContestSettings settings;
    private final Contests contests;

    Entries(JdbcClient jdbc, Uploads uploads, LessonGrants grants, ContestSettings settings, Contests contests) {
        this.jdbc = jdbc;
        this.uploads = uploads;
        this.grants = grants;
        this.settings = settings;
        this.contests = contests;
    }

    /** What an attachment is: 教学设计, 课件 or something else. */
    public enum Kind {
        DESIGN, SLIDES, OTHER
    }

    public record Attachment(long id, long submissionId, Kind kind, String filename, @Nullable String contentType,
            long size, String sha256, Path path) {
    }

    public record Submission(long id, long contestId, long teacherUserId, String teacherName, long schoolId,
            String schoolName, long lessonId, String title, long subjectId, String subjectName,
            @Nullable String gradeName, Instant submittedAt, List<Attachment> attachments) {
    }

    /** A judge's task on an entry; {@code submittedAt} once the scorecard is handed in. */
    public record Assignment(long id, long entryId, long judgeUserId, Instant assignedAt, @Nullable Instant scoredAt,
            @Nullable Instant submittedAt, @Nullable BigDecimal total) {
    }

    /** A submission in a round. */
    public record Entry(long id, long roundId, String code, Submission submission, @Nullable Award award,
            boolean awardByHand, boolean promoted, List<Assignment> assignments) {
    }

    /** An attachment as the teacher names it: an upload of theirs that completed. */
    public record AttachmentDraft(String uploadId, Kind kind) {
    }

    // ------------------------------------------------------------------ submissions

    /** Submits {@code lesson} (the teacher's own READY lesson) to the contest's first round. */
    public Submission submit(Contest contest, Actor teacher, WatchedLessons.Facts lesson, List<AttachmentDraft> drafts) {
        Instant now = contests.now();
        if (!contest.takesSubmissions(now)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "window-closed", "不在作品提交时间内", "Submissions are not open");
        }
        if (!contest.admits(lesson.schoolId(), lesson.subjectId(), lesson.gradeName()) || lesson.subjectId() == null) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "not-eligible", "该课例的学校、学科或年级不在本次评选范围内",
                    "The lesson's school, subject or grade is not eligible for this contest");
        }
        int mine = jdbc.sql("select count(*) from ctst_submission where contest_id = ? and teacher_user_id = ?")
                .params(contest.id(), teacher.userId()).query(Integer.class).single();
        if (mine >= contest.entriesPerTeacher()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "entry-limit", "每位教师最多提交 " + contest.entriesPerTeacher() + " 件作品",
                    "One teacher may submit " + contest.entriesPerTeacher() + " entries at most");
        }
        if (jdbc.sql("select count(*) from ctst_submission where contest_id = ? and lesson_id = ?")
                .params(contest.id(), lesson.lessonId()).query(Integer.class).single() > 0) {
            throw new ApiProblem(HttpStatus.CONFLICT, "already-submitted", "该课例已提交", "This lesson was already submitted");
        }
        if (drafts.size() > settings.maxAttachments()) {
            throw ApiProblem.invalid("附件最多 " + settings.maxAttachments() + " 个",
                    "At most " + settings.maxAttachments() + " attachments");
        }
        List<Upload> files = new ArrayList<>();
        for (AttachmentDraft d : drafts) {
            Upload upload = uploads.find(d.uploadId()).filter(u -> u.ownerUserId() == teacher.userId())
                    .orElseThrow(() -> ApiProblem.invalid("找不到附件上传 " + d.uploadId(), "No upload " + d.uploadId()));
            if (upload.state() != Upload.State.COMPLETED || upload.claimed()) {
                throw ApiProblem.invalid("附件「" + upload.filename() + "」尚未上传完成",
                        "The attachment \"" + upload.filename() + "\" is not completely uploaded");
            }
            files.add(upload);
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into ctst_submission (contest_id, teacher_user_id, teacher_name, school_id, school_name, lesson_id,
                    title, subject_id, subject_name, grade_name, submitted_at)
                values (:contest, :teacher, :teacherName, :school, :schoolName, :lesson, :title, :subject, :subjectName,
                    :grade, :at)""")
                .param("contest", contest.id()).param("teacher", teacher.userId())
                .param("teacherName", lesson.teacherName() == null ? teacher.displayName() : lesson.teacherName())
                .param("school", lesson.schoolId()).param("schoolName", lesson.schoolName())
                .param("lesson", lesson.lessonId()).param("title", lesson.title())
                .param("subject", lesson.subjectId()).param("subjectName", Objects.toString(lesson.subjectName(), ""))
                .param("grade", lesson.gradeName()).param("at", at(now)).update(key, "id");
        long id = Objects.requireNonNull(key.getKey()).longValue();
        for (int i = 0; i < files.size(); i++) {
            keep(id, files.get(i), drafts.get(i).kind());
        }
        newEntry(contest.rounds().get(0).id(), id);
        return submission(id).orElseThrow();
    }

    /** Takes the upload's file over from ingest into the contest's own folder. */
    private void keep(long submissionId, Upload upload, Kind kind) {
        Path claimed = uploads.claim(upload.id());
        Path folder = settings.attachmentsDir().resolve(Long.toString(submissionId));
        Path target = folder.resolve(upload.id());
        try {
            Files.createDirectories(folder);
            Files.move(claimed, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbc.sql("""
                insert into ctst_attachment (submission_id, kind, filename, content_type, size, sha256, path)
                values (?, ?, ?, ?, ?, ?, ?)""").params(submissionId, kind.name(), upload.filename(), upload.filetype(),
                upload.length(), Objects.toString(upload.sha256(), ""), target.toString()).update();
    }

    /** Withdraws a submission while submissions are taken. */
    public void withdraw(Contest contest, Submission submission) {
        if (!contest.takesSubmissions(contests.now())) {
            throw new ApiProblem(HttpStatus.CONFLICT, "window-closed", "提交时间已过，不能撤回", "Submissions are closed");
        }
        for (Entry e : entriesOf(submission.id())) {
            for (Assignment a : e.assignments()) {
                unassign(contest, a);
            }
            jdbc.sql("delete from ctst_entry where id = ?").param(e.id()).update();
        }
        for (Attachment a : submission.attachments()) {
            try {
                Files.deleteIfExists(a.path());
            } catch (IOException ignored) {
                // a file left behind costs disk, not correctness
            }
        }
        jdbc.sql("delete from ctst_attachment where submission_id = ?").param(submission.id()).update();
        jdbc.sql("delete from ctst_submission where id = ?").param(submission.id()).update();
    }

    @Transactional(readOnly = true)
    public Optional<Submission> submission(long id) {
        return submissions("where s.id = :id", Map.of("id", id)).stream().findFirst();
    }

    @Transactional(readOnly = true)
    public List<Submission> submissionsOf(long teacherUserId) {
        return submissions("where s.teacher_user_id = :t", Map.of("t", teacherUserId));
    }

    @Transactional(readOnly = true)
    public Optional<Attachment> attachment(long id) {
        return jdbc.sql("select * from ctst_attachment where id = ?").param(id).query(Entries::attachment).optional();
    }

    private List<Submission> submissions(String where, Map<String, Object> params) {
        return jdbc.sql("select s.* from ctst_submission s " + where + " order by s.id").params(params)
                .query((rs, n) -> new Submission(rs.getLong("id"), rs.getLong("contest_id"),
                        rs.getLong("teacher_user_id"), rs.getString("teacher_name"), rs.getLong("school_id"),
                        rs.getString("school_name"), rs.getLong("lesson_id"), rs.getString("title"),
                        rs.getLong("subject_id"), rs.getString("subject_name"), rs.getString("grade_name"),
                        rs.getObject("submitted_at", OffsetDateTime.class).toInstant(), List.of()))
                .list().stream().map(s -> new Submission(s.id(), s.contestId(), s.teacherUserId(), s.teacherName(),
                        s.schoolId(), s.schoolName(), s.lessonId(), s.title(), s.subjectId(), s.subjectName(),
                        s.gradeName(), s.submittedAt(), jdbc.sql("select * from ctst_attachment where submission_id = ? order by id")
                                .param(s.id()).query(Entries::attachment).list()))
                .toList();
    }

    private static Attachment attachment(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Attachment(rs.getLong("id"), rs.getLong("submission_id"), Kind.valueOf(rs.getString("kind")),
                rs.getString("filename"), rs.getString("content_type"), rs.getLong("size"), rs.getString("sha256"),
                Path.of(rs.getString("path")));
    }

    // ------------------------------------------------------------------ entries

    private long newEntry(long roundId, long submissionId) {
        int number = jdbc.sql("select count(*) from ctst_entry where round_id = ?").param(roundId)
                .query(Integer.class).single() + 1;
        int position = jdbc.sql("select position from ctst_round where id = ?").param(roundId).query(Integer.class)
                .single();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into ctst_entry (round_id, submission_id, code, award, award_by_hand, promoted)
                values (?, ?, ?, null, false, false)""")
                .params(roundId, submissionId, String.format("R%d-%03d", position, number)).update(key, "id");
        return Objects.requireNonNull(key.getKey()).longValue();
    }

    @Transactional(readOnly = true)
    public List<Entry> entries(long roundId) {
        return entries("where e.round_id = :r", Map.of("r", roundId));
    }

    @Transactional(readOnly = true)
    public Optional<Entry> entry(long id) {
        return entries("where e.id = :id", Map.of("id", id)).stream().findFirst();
    }

    private List<Entry> entriesOf(long submissionId) {
        return entries("where e.submission_id = :s", Map.of("s", submissionId));
    }

    private List<Entry> entries(String where, Map<String, Object> params) {
        record Row(long id, long roundId, long submissionId, String code, @Nullable String award, boolean byHand,
                boolean promoted) {
        }
        List<Row> rows = jdbc.sql("select e.* from ctst_entry e " + where + " order by e.code").params(params)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("round_id"), rs.getLong("submission_id"),
                        rs.getString("code"), rs.getString("award"), rs.getBoolean("award_by_hand"),
                        rs.getBoolean("promoted"))).list();
        List<Entry> entries = new ArrayList<>();
        for (Row r : rows) {
            entries.add(new Entry(r.id(), r.roundId(), r.code(), submission(r.submissionId()).orElseThrow(),
                    r.award() == null ? null : Award.valueOf(r.award()), r.byHand(), r.promoted(),
                    assignments("where a.entry_id = :e", Map.of("e", r.id()))));
        }
        return entries;
    }

    // ------------------------------------------------------------------ judges

    @Transactional(readOnly = true)
    public Optional<Assignment> assignment(long id) {
        return assignments("where a.id = :id", Map.of("id", id)).stream().findFirst();
    }

    @Transactional(readOnly = true)
    public List<Assignment> assignmentsOf(long judgeUserId) {
        return assignments("where a.judge_user_id = :j", Map.of("j", judgeUserId));
    }

    private List<Assignment> assignments(String where, Map<String, Object> params) {
        return jdbc.sql("select a.* from ctst_assignment a " + where + " order by a.id").params(params)
                .query((rs, n) -> new Assignment(rs.getLong("id"), rs.getLong("entry_id"), rs.getLong("judge_user_id"),
                        rs.getObject("assigned_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject("scored_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant)
                                .orElse(null),
                        Optional.ofNullable(rs.getObject("submitted_at", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant).orElse(null),
                        rs.getBigDecimal("total"))).list();
    }

    /**
     * Gives the entry to one judge of its subject in its round. A judge of the entry's own school is refused (409
     * {@code conflict-of-interest}), as is someone who is not a judge of the subject (400 {@code not-a-judge}).
     */
    public Assignment assign(Contest contest, Entry entry, long judgeUserId) {
        Round round = contest.round(entry.roundId());
        if (round.state() == RoundState.PUBLISHED) {
            throw new ApiProblem(HttpStatus.CONFLICT, "round-state", "结果已发布，不能再分配评委", "Results are out");
        }
        Contests.Judge judge = contests.judges(round.id()).stream()
                .filter(j -> j.userId() == judgeUserId && j.subjectId() == entry.submission().subjectId()).findFirst()
                .orElseThrow(() -> new ApiProblem(HttpStatus.BAD_REQUEST, "not-a-judge", "该用户不是本轮该学科的评委",
                        "This person is not a judge of the subject in this round"));
        if (conflicts(judge, entry)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "conflict-of-interest", "评委不能评审本校的作品",
                    "A judge never scores an entry from their own school");
        }
        Optional<Assignment> existing = entry.assignments().stream().filter(a -> a.judgeUserId() == judgeUserId)
                .findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into ctst_assignment (entry_id, judge_user_id, assigned_at) values (?, ?, ?)")
                .params(entry.id(), judgeUserId, at(contests.now())).update(key, "id");
        grants.grant(entry.submission().lessonId(), judgeUserId, purpose(contest));
        return assignment(Objects.requireNonNull(key.getKey()).longValue()).orElseThrow();
    }

    /** The conflict-of-interest rule: a judge never scores an entry from their own school. */
    static boolean conflicts(Contests.Judge judge, Entry entry) {
        return judge.schoolId() != null && judge.schoolId() == entry.submission().schoolId();
    }

    /** Takes an entry away from a judge who has not handed in (409 {@code already-scored} otherwise). */
    public void unassign(Contest contest, Assignment assignment) {
        if (assignment.submittedAt() != null) {
            throw new ApiProblem(HttpStatus.CONFLICT, "already-scored", "该评委已提交评分，不能撤换",
                    "The judge has handed in the scorecard");
        }
        Entry entry = entry(assignment.entryId()).orElseThrow();
        jdbc.sql("delete from ctst_comment where assignment_id = ?").param(assignment.id()).update();
        jdbc.sql("delete from ctst_score where assignment_id = ?").param(assignment.id()).update();
        jdbc.sql("delete from ctst_assignment where id = ?").param(assignment.id()).update();
        int stillJudging = jdbc.sql("""
                select count(*) from ctst_assignment a join ctst_entry e on e.id = a.entry_id
                 join ctst_submission s on s.id = e.submission_id
                 where a.judge_user_id = ? and s.lesson_id = ? and s.contest_id = ?""")
                .params(assignment.judgeUserId(), entry.submission().lessonId(), contest.id()).query(Integer.class)
                .single();
        if (stillJudging == 0) {
            grants.revoke(entry.submission().lessonId(), assignment.judgeUserId(), purpose(contest));
        }
    }

    /** Moves an assignment that was not handed in to another judge. */
    public Assignment reassign(Contest contest, Assignment assignment, long toJudgeUserId) {
        Entry entry = entry(assignment.entryId()).orElseThrow();
        if (assignment.submittedAt() != null) {
            throw new ApiProblem(HttpStatus.CONFLICT, "already-scored", "该评委已提交评分，不能撤换",
                    "The judge has handed in the scorecard");
        }
        Assignment created = assign(contest, entry, toJudgeUserId);
        unassign(contest, assignment);
        return created;
    }

    /**
     * Gives every entry of the round judges of its subject up to the contest's number, least busy judges first and
     * never one of the entry's school.
     *
     * @return the codes of entries that could not get enough judges
     */
    public List<String> assignAutomatically(Contest contest, Round round) {
        List<Contests.Judge> judges = contests.judges(round.id());
        Map<Long, Integer> load = new LinkedHashMap<>();
        List<Entry> entries = entries(round.id());
        for (Entry e : entries) {
            e.assignments().forEach(a -> load.merge(a.judgeUserId(), 1, Integer::sum));
        }
        List<String> short_ = new ArrayList<>();
        for (Entry e : entries) {
            int missing = contest.judgesPerEntry() - e.assignments().size();
            List<Contests.Judge> candidates = new ArrayList<>(judges.stream()
                    .filter(j -> j.subjectId() == e.submission().subjectId() && !conflicts(j, e))
                    .filter(j -> e.assignments().stream().noneMatch(a -> a.judgeUserId() == j.userId())).toList());
            candidates.sort(Comparator.comparing((Contests.Judge j) -> load.getOrDefault(j.userId(), 0))
                    .thenComparing(Contests.Judge::userId));
            for (int i = 0; i < missing && i < candidates.size(); i++) {
                assign(contest, e, candidates.get(i).userId());
                load.merge(candidates.get(i).userId(), 1, Integer::sum);
            }
            if (missing > candidates.size()) {
                short_.add(e.code());
            }
        }
        return short_;
    }

    /** The grant purpose of a contest's judges in the library. */
    static String purpose(Contest contest) {
        return "contest:" + contest.id();
    }

    // ------------------------------------------------------------------ results

    /** Sets or clears an entry's award; {@code byHand} marks the organiser's choice, which a rule leaves alone. */
    public void award(long entryId, @Nullable Award award, boolean byHand) {
        jdbc.sql("update ctst_entry set award = ?, award_by_hand = ? where id = ?")
                .params(award == null ? null : award.name(), byHand, entryId).update();
    }

    /**
     * Promotes the round's entries awarded {@code atLeast} or better into the next round (once each).
     *
     * @return how many entries were promoted now
     */
    public int promote(Contest contest, Round round, Award atLeast) {
        if (round.state() != RoundState.PUBLISHED) {
            throw new ApiProblem(HttpStatus.CONFLICT, "round-state", "结果发布后才能晋级", "Publish the results first");
        }
        Round next = contest.rounds().stream().filter(r -> r.position() == round.position() + 1).findFirst()
                .orElseThrow(() -> new ApiProblem(HttpStatus.CONFLICT, "last-round", "这已是最后一轮", "This is the last round"));
        if (next.state() != RoundState.OPEN) {
            throw new ApiProblem(HttpStatus.CONFLICT, "round-state", "下一轮已开始评审", "The next round has started");
        }
        int promoted = 0;
        for (Entry e : entries(round.id())) {
            if (e.award() != null && e.award().compareTo(atLeast) <= 0 && !e.promoted()) {
                newEntry(next.id(), e.submission().id());
                jdbc.sql("update ctst_entry set promoted = true where id = ?").param(e.id()).update();
                promoted++;
            }
        }
        return promoted;
    }
}

package org.ketang.platform.homeschool.internal;

import static org.ketang.platform.homeschool.internal.Notices.afterCommit;
import static org.ketang.platform.homeschool.internal.Notices.instant;
import static org.ketang.platform.homeschool.internal.Notices.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.audit.AuditTrail;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.Directory;
import org.ketang.platform.organization.Directory.ClassInfo;
import org.ketang.platform.organization.Directory.StudentInfo;
import org.ketang.platform.organization.Reach;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Homework (作业): a teacher assigns to classes with a due time and attachments; a student or a parent submits
 * text with photos or recordings; the teacher grades, comments or returns it for redoing; the class overview
 * shows who submitted, who was late and who has not. Parents are told on the notification channel when homework
 * is assigned and when theirs is reviewed.
 */
@Service
@Transactional
public class Homework {

    static final String HOMEWORK_REF = "homework";
    static final String SUBMISSION_REF = "submission";

    public enum State {
        /** Handed in, waiting for the teacher. */
        SUBMITTED,
        /** The teacher gave it back to be done again. */
        RETURNED,
        /** The teacher reviewed it (grade and/or comment). */
        REVIEWED
    }

    /** How one student stands with one homework, for the class overview. */
    public enum Standing {
        SUBMITTED, LATE, MISSING, RETURNED, REVIEWED
    }

    public enum Review {
        /** Grade and/or comment; the homework is done. */
        REVIEW,
        /** Give it back to be done again (a comment says why). */
        RETURN
    }

    public record NewHomework(String title, String body, @Nullable String subject, List<Long> classIds, Instant dueAt,
            List<String> attachments) {
    }

    public record Assignment(long id, String title, String body, @Nullable String subject, String teacherName,
            Instant dueAt, Instant createdAt, List<ClassCount> classes, List<Attachments.Attachment> attachments) {
    }

    /** A class of a homework with its counts (teachers only; empty counts for families). */
    public record ClassCount(long classId, String name, int students, int submitted, int late, int reviewed, int returned) {
    }

    public record Submission(long id, long homeworkId, long studentId, String studentName, String submitterName,
            String body, State state, boolean late, Instant submittedAt, @Nullable String grade, @Nullable String comment,
            @Nullable String reviewerName, @Nullable Instant reviewedAt, List<Attachments.Attachment> attachments) {
    }

    /** A homework as a family sees it for one child, with the child's submission if any. */
    public record ForChild(long id, String title, @Nullable String subject, String teacherName, Instant dueAt,
            Instant createdAt, @Nullable State state, boolean late, @Nullable String grade) {
    }

    public record StudentStanding(long studentId, String studentName, Standing standing, @Nullable Submission submission) {
    }

    public record Overview(Assignment homework, long classId, List<StudentStanding> students) {
    }

    private final JdbcClient jdbc;
    private final Directory directory;
    private final Reach reach;
    private final NotificationHub hub;
    private final Attachments attachments;
    private final AuditTrail audit;
    private final ClassRoles roles;

    Homework(JdbcClient jdbc, Directory directory, Reach reach, NotificationHub hub, Attachments attachments, AuditTrail audit,
            ClassRoles roles) {
        this.roles = roles;
        this.jdbc = jdbc;
        this.directory = directory;
        this.reach = reach;
        this.hub = hub;
        this.attachments = attachments;
        this.audit = audit;
    }

    // ---- the teacher's side

    public long assign(Actor actor, NewHomework homework) {
        actor.require(Permission.HOMESCHOOL_TEACH);
        if (homework.classIds().isEmpty()) {
            throw ApiProblem.invalid("请选择班级", "Choose at least one class");
        }
        Reach.Visible visible = reach.of(actor);
        List<ClassInfo> classes = new ArrayList<>();
        for (long id : new LinkedHashSet<>(homework.classIds())) {
            classes.add(directory.schoolClass(id).filter(c -> visible.studentsOf(c.classId(), c.schoolId()))
                    .orElseThrow(() -> ApiProblem.notFound("班级", "Class")));
        }
        Set<Long> schools = new LinkedHashSet<>(classes.stream().map(ClassInfo::schoolId).toList());
        if (schools.size() != 1) {
            throw ApiProblem.invalid("一份作业只能布置给同一所学校的班级", "Homework goes to classes of one school");
        }
        if (!homework.dueAt().isAfter(Instant.now())) {
            throw ApiProblem.invalid("截止时间必须晚于现在", "The due time must be in the future");
        }
        Instant now = Instant.now();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into hs_homework (school_id, teacher_id, teacher_name, subject, title, body, due_at, created_at)
                values (:school, :teacher, :name, :subject, :title, :body, :due, :at)""")
                .param("school", schools.iterator().next()).param("teacher", actor.userId()).param("name", actor.displayName())
                .param("subject", blankToNull(homework.subject())).param("title", homework.title().strip())
                .param("body", homework.body().strip()).param("due", utc(homework.dueAt())).param("at", utc(now))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (ClassInfo c : classes) {
            jdbc.sql("insert into hs_homework_class (homework_id, class_id) values (?, ?)").params(id, c.classId()).update();
        }
        attachments.attach(actor, homework.attachments(), HOMEWORK_REF, id);
        audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), "homeschool.homework-assigned", "homework " + id,
                homework.title().strip(), AuditTrail.Outcome.SUCCESS, schools.iterator().next(), null));
        Set<Long> families = new LinkedHashSet<>();
        List<Long> classIds = classes.stream().map(ClassInfo::classId).toList();
        directory.guardiansInClasses(classIds).forEach(g -> families.add(g.userId()));
        families.addAll(studentUsers(classIds));
        Map<String, Object> message = Map.of("type", "homework", "homework", Map.of("id", id, "title",
                homework.title().strip(), "teacherName", actor.displayName(), "subject",
                homework.subject() == null ? "" : homework.subject().strip(), "dueAt", homework.dueAt().toString()));
        List<Long> told = List.copyOf(families);
        afterCommit(() -> hub.send(told, message));
        return id;
    }

    /** The homework of a class the teacher sees, newest first, with counts. */
    @Transactional(readOnly = true)
    public List<Assignment> ofClass(Actor actor, long classId) {
        roles.requireTeacherOf(actor, classId);
        List<Long> ids = jdbc.sql("""
                select h.id from hs_homework h join hs_homework_class hc on hc.homework_id = h.id
                 where hc.class_id = ? order by h.due_at desc, h.id desc fetch first 100 rows only""").param(classId)
                .query(Long.class).list();
        return ids.stream().map(id -> assignment(id, true)).toList();
    }

    /** One homework: teachers of one of its classes see the counts, families of a child in one see the text. */
    @Transactional(readOnly = true)
    public Assignment one(Actor actor, long id) {
        requireSeen(actor, id);
        return assignment(id, teaches(actor, id));
    }

    /** Every student of one class of the homework with their standing and submission. */
    @Transactional(readOnly = true)
    public Overview overview(Actor actor, long id, long classId) {
        roles.requireTeacherOf(actor, classId);
        if (!classesOf(id).contains(classId)) {
            throw notFound();
        }
        Map<Long, Submission> byStudent = new LinkedHashMap<>();
        submissions("s.homework_id = ? and s.class_id = ?", id, classId).forEach(s -> byStudent.put(s.studentId(), s));
        List<StudentStanding> rows = new ArrayList<>();
        for (Map.Entry<Long, String> student : studentsOf(classId).entrySet()) {
            Submission s = byStudent.get(student.getKey());
            rows.add(new StudentStanding(student.getKey(), student.getValue(), standing(s), s));
        }
        return new Overview(assignment(id, true), classId, rows);
    }

    static Standing standing(@Nullable Submission s) {
        if (s == null) {
            return Standing.MISSING;
        }
        switch (s.state()) {
            case REVIEWED:
                return Standing.REVIEWED;
            case RETURNED:
                return Standing.RETURNED;
            default:
                return s.late() ? Standing.LATE : Standing.SUBMITTED;
        }
    }

    /** Grades and/or comments a submission, or returns it for redoing; the family is told. */
    public Submission review(Actor actor, long submissionId, Review action, @Nullable String grade, @Nullable String comment) {
        actor.require(Permission.HOMESCHOOL_TEACH);
        Submission s = submission(submissionId).orElseThrow(Homework::submissionNotFound);
        long classId = classOfSubmission(submissionId);
        if (!roles.teaches(actor, classId)) {
            throw submissionNotFound();
        }
        if (action == Review.RETURN && blankToNull(comment) == null) {
            throw ApiProblem.invalid("退回重做时请写明原因", "Say why when returning it for redoing");
        }
        if (action == Review.REVIEW && blankToNull(grade) == null && blankToNull(comment) == null) {
            throw ApiProblem.invalid("请给出等级、分数或评语", "Give a grade or a comment");
        }
        jdbc.sql("""
                update hs_submission set state = :state, grade = :grade, teacher_comment = :comment, reviewer_name = :name,
                       reviewed_at = :at where id = :id""").param("state", action == Review.RETURN ? "RETURNED" : "REVIEWED")
                .param("grade", blankToNull(grade)).param("comment", blankToNull(comment)).param("name", actor.displayName())
                .param("at", utc(Instant.now())).param("id", submissionId).update();
        Set<Long> family = new LinkedHashSet<>();
        directory.guardiansOfStudents(List.of(s.studentId())).forEach(g -> family.add(g.userId()));
        directory.student(s.studentId()).map(StudentInfo::userId).ifPresent(family::add);
        Submission reviewed = submission(submissionId).orElseThrow();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "homework-reviewed");
        message.put("homeworkId", s.homeworkId());
        message.put("submissionId", submissionId);
        message.put("studentName", s.studentName());
        message.put("state", reviewed.state().name());
        message.put("grade", reviewed.grade() == null ? "" : reviewed.grade());
        List<Long> told = List.copyOf(family);
        afterCommit(() -> hub.send(told, message));
        return reviewed;
    }

    // ---- the family's side

    /** The homework of a child's class (the caller's child, or the caller as the student), newest first. */
    @Transactional(readOnly = true)
    public List<ForChild> ofChild(Actor actor, long studentId) {
        long classId = roles.familyClassOf(actor, studentId);
        return jdbc.sql("""
                select h.id, h.title, h.subject, h.teacher_name, h.due_at, h.created_at, s.state, s.late, s.grade
                  from hs_homework h join hs_homework_class hc on hc.homework_id = h.id
                  left join hs_submission s on s.homework_id = h.id and s.student_id = :student
                 where hc.class_id = :class order by h.due_at desc, h.id desc fetch first 100 rows only""")
                .param("student", studentId).param("class", classId)
                .query((rs, n) -> new ForChild(rs.getLong("id"), rs.getString("title"), rs.getString("subject"),
                        rs.getString("teacher_name"), instant(rs, "due_at"), instant(rs, "created_at"),
                        rs.getString("state") == null ? null : State.valueOf(rs.getString("state")), rs.getBoolean("late"),
                        rs.getString("grade")))
                .list();
    }

    /** The child's submission of a homework (404 when there is none yet, or it is not the caller's child). */
    @Transactional(readOnly = true)
    public Submission submissionOf(Actor actor, long homeworkId, long studentId) {
        long classId = roles.familyClassOf(actor, studentId);
        if (!classesOf(homeworkId).contains(classId)) {
            throw notFound();
        }
        return submissions("s.homework_id = ? and s.student_id = ?", homeworkId, studentId).stream().findFirst()
                .orElseThrow(Homework::submissionNotFound);
    }

    /** Hands in (or hands in again, after a return) a child's homework. */
    public Submission submit(Actor actor, long homeworkId, long studentId, String body, List<String> uploadIds) {
        actor.require(Permission.HOMESCHOOL_USE);
        long classId = roles.familyClassOf(actor, studentId);
        if (!classesOf(homeworkId).contains(classId)) {
            throw notFound();
        }
        if (body.isBlank() && uploadIds.isEmpty()) {
            throw ApiProblem.invalid("请写上内容或添加照片、录音", "Write something or add a photo or a recording");
        }
        Instant now = Instant.now();
        Instant due = jdbc.sql("select due_at from hs_homework where id = ?").param(homeworkId)
                .query((rs, n) -> instant(rs, "due_at")).single();
        var existing = submissions("s.homework_id = ? and s.student_id = ?", homeworkId, studentId).stream().findFirst();
        String studentName = directory.student(studentId).orElseThrow().name();
        String submitter = directory.guardiansOfStudents(List.of(studentId)).stream().filter(g -> g.userId() == actor.userId())
                .findFirst().map(g -> g.guardianName() + "（" + g.relation() + "）").orElse(studentName);
        long id;
        if (existing.isPresent()) {
            if (existing.get().state() == State.REVIEWED) {
                throw ApiProblem.conflict("老师已经批改了这份作业", "The teacher has reviewed this homework already");
            }
            id = existing.get().id();
            jdbc.sql("""
                    update hs_submission set body = :body, state = 'SUBMITTED', late = :late, submitted_at = :at,
                           submitted_by = :by, submitter_name = :name where id = :id""").param("body", body.strip())
                    .param("late", now.isAfter(due)).param("at", utc(now)).param("by", actor.userId())
                    .param("name", submitter).param("id", id).update();
        } else {
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("""
                    insert into hs_submission (homework_id, student_id, student_name, class_id, submitted_by, submitter_name,
                                               body, state, late, submitted_at)
                    values (:homework, :student, :studentName, :class, :by, :name, :body, 'SUBMITTED', :late, :at)""")
                    .param("homework", homeworkId).param("student", studentId).param("studentName", studentName)
                    .param("class", classId).param("by", actor.userId()).param("name", submitter).param("body", body.strip())
                    .param("late", now.isAfter(due)).param("at", utc(now)).update(keys, "id");
            id = keys.getKey().longValue();
        }
        attachments.attach(actor, uploadIds, SUBMISSION_REF, id);
        long teacher = jdbc.sql("select teacher_id from hs_homework where id = ?").param(homeworkId).query(Long.class).single();
        Map<String, Object> message = Map.of("type", "homework-submitted", "homeworkId", homeworkId, "submissionId", id,
                "studentName", studentName, "classId", classId);
        afterCommit(() -> hub.send(teacher, message));
        return submission(id).orElseThrow();
    }

    /** A submission for its family and the teachers of its class (404 for anyone else). */
    @Transactional(readOnly = true)
    public Submission submission(Actor actor, long id) {
        if (!seesSubmission(actor, id)) {
            throw submissionNotFound();
        }
        return submission(id).orElseThrow();
    }

    // ---- who sees what

    /** Attachments of homework: whoever sees the homework. */
    @Configuration(proxyBeanMethods = false)
    static class AttachmentRefs {
        @Bean
        Attachments.Refs homeworkAttachments(Homework homework) {
            return refs(HOMEWORK_REF, homework::sees);
        }

        @Bean
        Attachments.Refs submissionAttachments(Homework homework) {
            return refs(SUBMISSION_REF, homework::seesSubmission);
        }

        private static Attachments.Refs refs(String kind, java.util.function.BiPredicate<Actor, Long> sees) {
            return new Attachments.Refs() {
                @Override
                public String refKind() {
                    return kind;
                }

                @Override
                public boolean sees(Actor actor, long refId) {
                    return sees.test(actor, refId);
                }
            };
        }
    }

    boolean sees(Actor actor, long homeworkId) {
        Reach.Visible visible = reach.of(actor);
        for (long classId : classesOf(homeworkId)) {
            long school = directory.schoolClass(classId).map(ClassInfo::schoolId).orElse(-1L);
            if ((actor.can(Permission.HOMESCHOOL_TEACH) && visible.studentsOf(classId, school))
                    || (actor.can(Permission.HOMESCHOOL_USE) && familyClasses(visible).contains(classId))) {
                return true;
            }
        }
        return false;
    }

    boolean seesSubmission(Actor actor, long submissionId) {
        var row = jdbc.sql("select student_id, class_id from hs_submission where id = ?").param(submissionId)
                .query((rs, n) -> new long[] { rs.getLong("student_id"), rs.getLong("class_id") }).optional();
        if (row.isEmpty()) {
            return false;
        }
        Reach.Visible visible = reach.of(actor);
        return (actor.can(Permission.HOMESCHOOL_USE) && visible.students().contains(row.get()[0]))
                || roles.teaches(actor, row.get()[1]);
    }

    private void requireSeen(Actor actor, long id) {
        if (!exists(id) || !sees(actor, id)) {
            throw notFound();
        }
    }

    private boolean teaches(Actor actor, long homeworkId) {
        return classesOf(homeworkId).stream().anyMatch(c -> roles.teaches(actor, c));
    }



    private Set<Long> familyClasses(Reach.Visible visible) {
        if (visible.students().isEmpty()) {
            return Set.of();
        }
        Set<Long> classes = new LinkedHashSet<>();
        visible.students().forEach(id -> directory.student(id).ifPresent(s -> classes.add(s.classId())));
        return classes;
    }

    private boolean exists(long id) {
        return jdbc.sql("select count(*) from hs_homework where id = ?").param(id).query(Integer.class).single() > 0;
    }

    private List<Long> classesOf(long homeworkId) {
        return jdbc.sql("select class_id from hs_homework_class where homework_id = ?").param(homeworkId)
                .query(Long.class).list();
    }

    private long classOfSubmission(long id) {
        return jdbc.sql("select class_id from hs_submission where id = ?").param(id).query(Long.class).single();
    }

    private Map<Long, String> studentsOf(long classId) {
        Map<Long, String> students = new LinkedHashMap<>();
        directory.studentsOfClasses(List.of(classId)).forEach(s -> students.put(s.studentId(), s.name()));
        return students;
    }

    private List<Long> studentUsers(List<Long> classIds) {
        return directory.studentsOfClasses(classIds).stream().map(StudentInfo::userId).filter(java.util.Objects::nonNull)
                .toList();
    }

    private Assignment assignment(long id, boolean withCounts) {
        record Head(String title, String body, @Nullable String subject, String teacher, Instant due, Instant created) {
        }
        Head head = jdbc.sql("select * from hs_homework where id = ?").param(id)
                .query((rs, n) -> new Head(rs.getString("title"), rs.getString("body"), rs.getString("subject"),
                        rs.getString("teacher_name"), instant(rs, "due_at"), instant(rs, "created_at")))
                .optional().orElseThrow(Homework::notFound);
        List<ClassCount> classes = new ArrayList<>();
        for (long classId : classesOf(id)) {
            String name = directory.schoolClass(classId).map(ClassInfo::fullName).orElse("");
            if (!withCounts) {
                classes.add(new ClassCount(classId, name, 0, 0, 0, 0, 0));
                continue;
            }
            int students = directory.studentsOfClasses(List.of(classId)).size();
            int[] counts = jdbc.sql("""
                    select count(*) as submitted,
                           coalesce(sum(case when late then 1 else 0 end), 0) as late,
                           coalesce(sum(case when state = 'REVIEWED' then 1 else 0 end), 0) as reviewed,
                           coalesce(sum(case when state = 'RETURNED' then 1 else 0 end), 0) as returned
                      from hs_submission where homework_id = ? and class_id = ?""").params(id, classId)
                    .query((rs, n) -> new int[] { rs.getInt("submitted"), rs.getInt("late"), rs.getInt("reviewed"),
                            rs.getInt("returned") })
                    .single();
            classes.add(new ClassCount(classId, name, students, counts[0], counts[1], counts[2], counts[3]));
        }
        return new Assignment(id, head.title(), head.body(), head.subject(), head.teacher(), head.due(), head.created(),
                classes, attachments.of(HOMEWORK_REF, id));
    }

    private java.util.Optional<Submission> submission(long id) {
        return submissions("s.id = ?", id).stream().findFirst();
    }

    private List<Submission> submissions(String where, Object... params) {
        List<Submission> rows = jdbc.sql("""
                select s.id, s.homework_id, s.student_id, s.student_name, s.submitter_name, s.body, s.state, s.late,
                       s.submitted_at, s.grade, s.teacher_comment, s.reviewer_name, s.reviewed_at
                  from hs_submission s where\s""" + where + " order by s.id").params(params).query(Homework::row).list();
        Map<Long, List<Attachments.Attachment>> files = attachments.ofItems(SUBMISSION_REF,
                rows.stream().map(Submission::id).toList());
        return rows.stream().map(s -> new Submission(s.id(), s.homeworkId(), s.studentId(), s.studentName(),
                s.submitterName(), s.body(), s.state(), s.late(), s.submittedAt(), s.grade(), s.comment(), s.reviewerName(),
                s.reviewedAt(), files.getOrDefault(s.id(), List.of()))).toList();
    }

    private static Submission row(ResultSet rs, int n) throws SQLException {
        return new Submission(rs.getLong("id"), rs.getLong("homework_id"), rs.getLong("student_id"),
                rs.getString("student_name"), rs.getString("submitter_name"), rs.getString("body"),
                State.valueOf(rs.getString("state")), rs.getBoolean("late"), instant(rs, "submitted_at"), rs.getString("grade"),
                rs.getString("teacher_comment"), rs.getString("reviewer_name"), instant(rs, "reviewed_at"), List.of());
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("作业", "Homework");
    }

    private static ApiProblem submissionNotFound() {
        return ApiProblem.notFound("作业提交", "Submission");
    }
}

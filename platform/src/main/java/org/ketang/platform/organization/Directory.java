package org.ketang.platform.organization;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.identity.SchoolNames;
import org.ketang.platform.organization.internal.SchoolClass;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-only look-ups for other modules beyond {@link Timetables#whatIsHappening}: the grade of a class, subject
 * and staff names, a classroom and its school, the recording classrooms, and a teacher's usual class and subject
 * (to pre-fill an upload).
 */
@Component
@Transactional(readOnly = true)
public class Directory {

    private static final String CLASSROOM_SELECT = """
            select r.id, r.school_id, r.building_id, b.name as building_name, r.name, r.recording, r.home_class_id
              from org_classroom r join org_building b on b.id = r.building_id
            """;

    private final JdbcClient jdbc;
    private final SchoolNames schoolNames;

    Directory(JdbcClient jdbc, SchoolNames schoolNames) {
        this.jdbc = jdbc;
        this.schoolNames = schoolNames;
    }

    public record ClassInfo(long classId, long schoolId, long gradeId, String gradeName, String fullName) {
    }

    public record StaffInfo(long staffId, long schoolId, @Nullable Long userId, String name) {
    }

    public record Named(long id, String name) {
    }

    /** A classroom with its building and whether it is a recording classroom (录播教室). */
    public record ClassroomInfo(long classroomId, long schoolId, long buildingId, String buildingName, String name,
            boolean recording, @Nullable Long homeClassId) {
    }

    /** A teacher's class and subject taught most often in the term around {@code on}. */
    public record Usual(ClassInfo schoolClass, Named subject) {
    }

    public String schoolName(long schoolId) {
        return schoolNames.nameOf(schoolId).orElse("#" + schoolId);
    }

    public Optional<ClassInfo> schoolClass(long classId) {
        return jdbc.sql("""
                select c.id, c.school_id, c.grade_id, g.name as grade_name, c.name
                  from org_class c join org_grade g on g.id = c.grade_id where c.id = ?
                """).param(classId).query((rs, n) -> new ClassInfo(rs.getLong("id"), rs.getLong("school_id"),
                rs.getLong("grade_id"), rs.getString("grade_name"),
                SchoolClass.fullName(rs.getString("grade_name"), rs.getString("name")))).optional();
    }

    public Optional<Named> subject(long subjectId) {
        return jdbc.sql("select id, name from org_subject where id = ?").param(subjectId)
                .query((rs, n) -> new Named(rs.getLong("id"), rs.getString("name"))).optional();
    }

    /** A subject by its name (数学) or code. */
    public Optional<Named> subjectNamed(String nameOrCode) {
        return jdbc.sql("select id, name from org_subject where name = ? or code = ? order by id fetch first 1 rows only")
                .params(nameOrCode, nameOrCode).query((rs, n) -> new Named(rs.getLong("id"), rs.getString("name")))
                .optional();
    }

    public Optional<StaffInfo> staff(long staffId) {
        return jdbc.sql("select id, school_id, user_id, name from org_staff where id = ?").param(staffId)
                .query(Directory::staffRow).optional();
    }

    /** The staff records of an account (a teacher may work in more than one school). */
    public List<StaffInfo> staffOfUser(long userId) {
        return jdbc.sql("select id, school_id, user_id, name from org_staff where user_id = ? order by id").param(userId)
                .query(Directory::staffRow).list();
    }

    public Optional<ClassroomInfo> classroom(long classroomId) {
        return jdbc.sql(CLASSROOM_SELECT + " where r.id = ?").param(classroomId).query(Directory::classroomRow)
                .optional();
    }

    /** The recording classrooms (录播教室) of a school, or of every school when {@code schoolId} is null. */
    public List<ClassroomInfo> recordingClassrooms(@Nullable Long schoolId) {
        return jdbc.sql(CLASSROOM_SELECT + """
                 where r.recording = true and (cast(:school as bigint) is null or r.school_id = :school)
                 order by r.school_id, b.id, r.name, r.id""").param("school", schoolId).query(Directory::classroomRow)
                .list();
    }

    public Optional<Long> schoolOfClassroom(long classroomId) {
        return jdbc.sql("select school_id from org_classroom where id = ?").param(classroomId).query(Long.class).optional();
    }

    /** The class and subject a member of staff teaches most often in the term that contains {@code on}. */
    public Optional<Usual> usualLesson(long staffId, LocalDate on) {
        return jdbc.sql("""
                select l.class_id, l.subject_id, s.name as subject_name, count(*) as n
                  from org_lesson l join org_term t on t.id = l.term_id join org_subject s on s.id = l.subject_id
                 where l.teacher_id = :staff and t.start_date <= :on and t.end_date >= :on
                 group by l.class_id, l.subject_id, s.name
                 order by n desc, l.class_id, l.subject_id
                 fetch first 1 rows only
                """).param("staff", staffId).param("on", on)
                .query((rs, n) -> new long[] { rs.getLong("class_id"), rs.getLong("subject_id") }).optional()
                .flatMap(ids -> schoolClass(ids[0]).flatMap(c -> subject(ids[1]).map(s -> new Usual(c, s))));
    }

    /** The first subject a member of staff is listed with, when they have no timetable. */
    public Optional<Named> firstSubject(long staffId) {
        return jdbc.sql("""
                select s.id, s.name from org_staff_subject ss join org_subject s on s.id = ss.subject_id
                 where ss.staff_id = ? order by s.id fetch first 1 rows only
                """).param(staffId).query((rs, n) -> new Named(rs.getLong("id"), rs.getString("name"))).optional();
    }

    private static ClassroomInfo classroomRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ClassroomInfo(rs.getLong("id"), rs.getLong("school_id"), rs.getLong("building_id"),
                rs.getString("building_name"), rs.getString("name"), rs.getBoolean("recording"),
                rs.getObject("home_class_id", Long.class));
    }

    /** A parent (with an account) of a student, for messages to a class's or a school's parents. */
    public record GuardianOf(long userId, String guardianName, String relation, long studentId, String studentName,
            long classId, String classFullName) {
    }

    /** The classes of a school (of one grade when {@code gradeId} is given), by grade and name. */
    public List<ClassInfo> classesOfSchool(long schoolId, @Nullable Long gradeId) {
        return jdbc.sql("""
                select c.id, c.school_id, c.grade_id, g.name as grade_name, c.name
                  from org_class c join org_grade g on g.id = c.grade_id
                 where c.school_id = :school and (cast(:grade as bigint) is null or c.grade_id = :grade)
                 order by g.grade_level, c.name
                """).param("school", schoolId).param("grade", gradeId).query((rs, n) -> new ClassInfo(rs.getLong("id"),
                rs.getLong("school_id"), rs.getLong("grade_id"), rs.getString("grade_name"),
                SchoolClass.fullName(rs.getString("grade_name"), rs.getString("name")))).list();
    }

    /** The parents with accounts of the students in these classes (one row per parent and child). */
    public List<GuardianOf> guardiansInClasses(java.util.Collection<Long> classIds) {
        if (classIds.isEmpty()) {
            return List.of();
        }
        return guardians("s.class_id in (:ids)", classIds);
    }

    /** The parents with accounts of these students (one row per parent and child). */
    public List<GuardianOf> guardiansOfStudents(java.util.Collection<Long> studentIds) {
        if (studentIds.isEmpty()) {
            return List.of();
        }
        return guardians("s.id in (:ids)", studentIds);
    }

    private List<GuardianOf> guardians(String where, java.util.Collection<Long> ids) {
        return jdbc.sql("""
                select g.user_id, g.name as guardian_name, gs.relation, s.id as student_id, s.name as student_name,
                       s.class_id, gr.name as grade_name, c.name as class_name
                  from org_student s
                  join org_guardianship gs on gs.student_id = s.id
                  join org_guardian g on g.id = gs.guardian_id
                  join org_class c on c.id = s.class_id
                  join org_grade gr on gr.id = c.grade_id
                 where g.user_id is not null and\s""" + where + " order by s.class_id, s.id, g.id")
                .param("ids", ids)
                .query((rs, n) -> new GuardianOf(rs.getLong("user_id"), rs.getString("guardian_name"),
                        rs.getString("relation"), rs.getLong("student_id"), rs.getString("student_name"),
                        rs.getLong("class_id"), SchoolClass.fullName(rs.getString("grade_name"), rs.getString("class_name"))))
                .list();
    }

    /** A student as other modules see them: class, school, account (if any), number and name. */
    public record StudentInfo(long studentId, long classId, long schoolId, @Nullable Long userId, String studentNo,
            String name) {
    }

    public Optional<StudentInfo> student(long studentId) {
        return jdbc.sql(STUDENT + " where id = ?").param(studentId).query(Directory::studentRow).optional();
    }

    /** The students of these classes, by class and student number. */
    public List<StudentInfo> studentsOfClasses(java.util.Collection<Long> classIds) {
        if (classIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(STUDENT + " where class_id in (:ids) order by class_id, student_no, id").param("ids", classIds)
                .query(Directory::studentRow).list();
    }

    private static final String STUDENT = "select id, class_id, school_id, user_id, student_no, name from org_student";

    private static StudentInfo studentRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new StudentInfo(rs.getLong("id"), rs.getLong("class_id"), rs.getLong("school_id"),
                rs.getObject("user_id", Long.class), rs.getString("student_no"), rs.getString("name"));
    }

    /** A teacher of a class: its head teacher or someone teaching it in the term around {@code on}. */
    public record ClassTeacher(long userId, String name, boolean head, @Nullable String subject) {
    }

    /** The teachers with accounts of a class (head teacher first), for a parent's contacts. */
    public List<ClassTeacher> teachersOfClass(long classId, LocalDate on) {
        List<ClassTeacher> teachers = new java.util.ArrayList<>(jdbc.sql("""
                select s.user_id, s.name from org_class c join org_staff s on s.id = c.head_teacher_id
                 where c.id = ? and s.user_id is not null""").param(classId)
                .query((rs, n) -> new ClassTeacher(rs.getLong("user_id"), rs.getString("name"), true, null)).list());
        jdbc.sql("""
                select distinct s.user_id, s.name, sub.name as subject from org_lesson l
                  join org_staff s on s.id = l.teacher_id join org_term t on t.id = l.term_id
                  join org_subject sub on sub.id = l.subject_id
                 where l.class_id = :class and s.user_id is not null and t.start_date <= :on and t.end_date >= :on
                 order by s.name""").param("class", classId).param("on", on)
                .query((rs, n) -> new ClassTeacher(rs.getLong("user_id"), rs.getString("name"), false, rs.getString("subject")))
                .list().forEach(t -> {
                    if (teachers.stream().noneMatch(x -> x.userId() == t.userId())) {
                        teachers.add(t);
                    }
                });
        return teachers;
    }

    /** One period of a class's timetable on a date, with its teacher's account when there is one. */
    public record ClassPeriod(int period, String subject, @Nullable Long teacherUserId, @Nullable String teacherName) {
    }

    /** The class's timetable on {@code date} (the term around it, that weekday), by period. */
    public List<ClassPeriod> periodsOfClass(long classId, LocalDate date) {
        return jdbc.sql("""
                select l.period_no, sub.name as subject, s.user_id, s.name as teacher_name
                  from org_lesson l join org_term t on t.id = l.term_id join org_subject sub on sub.id = l.subject_id
                  left join org_staff s on s.id = l.teacher_id
                 where l.class_id = :class and l.weekday = :weekday and t.start_date <= :on and t.end_date >= :on
                 order by l.period_no""").param("class", classId).param("weekday", date.getDayOfWeek().getValue())
                .param("on", date)
                .query((rs, n) -> new ClassPeriod(rs.getInt("period_no"), rs.getString("subject"),
                        rs.getObject("user_id", Long.class), rs.getString("teacher_name")))
                .list();
    }

    private static StaffInfo staffRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new StaffInfo(rs.getLong("id"), rs.getLong("school_id"), (Long) rs.getObject("user_id", Long.class),
                rs.getString("name"));
    }
}

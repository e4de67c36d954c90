package org.ketang.platform.organization;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.ScopeLevel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an {@link Actor} may see of the district: whole schools for DISTRICT/SCHOOL roles, the classes
 * taught (this term's timetable) or headed for CLASSES roles, linked children for CHILDREN, their own
 * class for SELF. Several roles add up. Controllers answer 404 for a single thing out of reach and filter
 * lists with {@link #of(Actor)}.
 */
@Component
@Transactional(readOnly = true)
public class Reach {

    private final JdbcClient jdbc;
    private final OrganizationSettings settings;

    Reach(JdbcClient jdbc, OrganizationSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /**
     * Everything one actor may see, computed once per request.
     *
     * @param district       sees every school
     * @param wholeSchools   schools seen whole (staff of a school)
     * @param classes        classes whose students and timetable are seen (taught or headed)
     * @param timetableOnly  further classes whose timetable (not their students) is seen: own class, children's classes
     * @param students       further single students seen: the actor as a student, their children
     * @param classrooms     further classrooms seen: home classrooms and rooms used by seen classes
     * @param schools        every school in which the actor sees something
     */
    public record Visible(boolean district, Set<Long> wholeSchools, Set<Long> classes, Set<Long> timetableOnly,
            Set<Long> students, Set<Long> classrooms, Set<Long> schools) {

        public boolean school(long schoolId) {
            return district || schools.contains(schoolId);
        }

        public boolean wholeSchool(long schoolId) {
            return district || wholeSchools.contains(schoolId);
        }

        /** Whether the class itself and its timetable are seen. */
        public boolean schoolClass(long classId, long schoolId) {
            return wholeSchool(schoolId) || classes.contains(classId) || timetableOnly.contains(classId);
        }

        /** Whether the students of a class are seen. */
        public boolean studentsOf(long classId, long schoolId) {
            return wholeSchool(schoolId) || classes.contains(classId);
        }

        public boolean student(long studentId, long classId, long schoolId) {
            return studentsOf(classId, schoolId) || students.contains(studentId);
        }

        public boolean classroom(long classroomId, long schoolId) {
            return wholeSchool(schoolId) || classrooms.contains(classroomId);
        }
    }

    public Visible of(Actor actor) {
        boolean district = actor.isDistrictWide();
        Set<Long> wholeSchools = new HashSet<>();
        Set<Long> schools = new HashSet<>();
        if (!district && actor.schoolId() != null && actor.scopes().stream().anyMatch(ScopeLevel::isInstitutional)) {
            wholeSchools.add(actor.schoolId());
            schools.add(actor.schoolId());
        }
        Set<Long> classes = new HashSet<>();
        Set<Long> timetableOnly = new HashSet<>();
        Set<Long> students = new HashSet<>();
        LocalDate today = LocalDate.now(settings.zone());
        if (actor.scopes().contains(ScopeLevel.CLASSES)) {
            classes.addAll(jdbc.sql("""
                    select c.id from org_class c join org_staff s on s.id = c.head_teacher_id where s.user_id = :user
                    union
                    select l.class_id from org_lesson l
                      join org_staff s on s.id = l.teacher_id
                      join org_term t on t.id = l.term_id
                     where s.user_id = :user and t.start_date <= :today and t.end_date >= :today
                    """).param("user", actor.userId()).param("today", today).query(Long.class).list());
        }
        if (actor.scopes().contains(ScopeLevel.CHILDREN)) {
            addStudents(jdbc.sql("""
                    select s.id, s.class_id from org_student s where s.id in (
                      select gs.student_id from org_guardianship gs join org_guardian g on g.id = gs.guardian_id
                       where g.user_id = ?)
                    """).param(actor.userId()), students, timetableOnly);
        }
        if (actor.scopes().contains(ScopeLevel.SELF)) {
            addStudents(jdbc.sql("select s.id, s.class_id from org_student s where s.user_id = ?").param(actor.userId()),
                    students, timetableOnly);
        }
        Set<Long> classrooms = new HashSet<>();
        Set<Long> seenClasses = new HashSet<>(classes);
        seenClasses.addAll(timetableOnly);
        if (!seenClasses.isEmpty()) {
            schools.addAll(jdbc.sql("select distinct school_id from org_class where id in (:ids)").param("ids", seenClasses)
                    .query(Long.class).list());
            classrooms.addAll(jdbc.sql("""
                    select r.id from org_classroom r where r.home_class_id in (:ids)
                    union
                    select l.classroom_id from org_lesson l join org_term t on t.id = l.term_id
                     where l.class_id in (:ids) and l.classroom_id is not null
                       and t.start_date <= :today and t.end_date >= :today
                    """).param("ids", seenClasses).param("today", today).query(Long.class).list());
        }
        return new Visible(district, Set.copyOf(wholeSchools), Set.copyOf(classes), Set.copyOf(timetableOnly),
                Set.copyOf(students), Set.copyOf(classrooms), Set.copyOf(schools));
    }

    private static void addStudents(JdbcClient.StatementSpec query, Set<Long> students, Set<Long> classes) {
        List<long[]> rows = query.query((rs, n) -> new long[] { rs.getLong("id"), rs.getLong("class_id") }).list();
        for (long[] row : rows) {
            students.add(row[0]);
            classes.add(row[1]);
        }
    }

    /** Whether the actor sees anything of the school. */
    public boolean school(Actor actor, long schoolId) {
        return of(actor).school(schoolId);
    }

    /** Whether the actor sees the class and its timetable. */
    public boolean schoolClass(Actor actor, long classId) {
        @Nullable Long schoolId = schoolOf("org_class", classId);
        return schoolId != null && of(actor).schoolClass(classId, schoolId);
    }

    /** Whether the actor sees the student. */
    public boolean student(Actor actor, long studentId) {
        List<long[]> rows = jdbc.sql("select class_id, school_id from org_student where id = ?").param(studentId)
                .query((rs, n) -> new long[] { rs.getLong("class_id"), rs.getLong("school_id") }).list();
        return !rows.isEmpty() && of(actor).student(studentId, rows.get(0)[0], rows.get(0)[1]);
    }

    /** Whether the actor sees the classroom (and what happens in it). */
    public boolean classroom(Actor actor, long classroomId) {
        @Nullable Long schoolId = schoolOf("org_classroom", classroomId);
        return schoolId != null && of(actor).classroom(classroomId, schoolId);
    }

    private @Nullable Long schoolOf(String table, long id) {
        return jdbc.sql("select school_id from " + table + " where id = ?").param(id).query(Long.class).optional()
                .orElse(null);
    }
}

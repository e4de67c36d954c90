package org.ketang.platform.organization.internal;

import static org.ketang.platform.organization.internal.Schools.insert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Staff, students and guardians: the organization's records of people, linked to accounts by user id. */
@Repository
public class People {

    private static final String STUDENT_SELECT = """
            select s.id, s.school_id, s.class_id, g.name as grade_name, c.name as class_name, s.user_id, s.student_no, s.name
              from org_student s
              join org_class c on c.id = s.class_id
              join org_grade g on g.id = c.grade_id
            """;

    private final JdbcClient jdbc;

    People(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long addStaff(long schoolId, @Nullable Long userId, String name, @Nullable String phone,
            Collection<Long> subjectIds) {
        long id = insert(jdbc.sql("insert into org_staff (school_id, user_id, name, phone) values (?, ?, ?, ?)")
                .params(schoolId, userId, name, phone));
        for (long subjectId : subjectIds) {
            jdbc.sql("insert into org_staff_subject (staff_id, subject_id) values (?, ?)").params(id, subjectId).update();
        }
        return id;
    }

    public List<Staff> staff(long schoolId) {
        return withSubjects(jdbc.sql("select id, school_id, user_id, name, phone from org_staff where school_id = ? order by id")
                .param(schoolId).query(People::staffRow).list());
    }

    public Optional<Staff> staffMember(long id) {
        return withSubjects(jdbc.sql("select id, school_id, user_id, name, phone from org_staff where id = ?").param(id)
                .query(People::staffRow).list()).stream().findFirst();
    }

    /** Staff ids of an account (a teacher may work in more than one school). */
    public List<Long> staffIdsOfUser(long userId) {
        return jdbc.sql("select id from org_staff where user_id = ?").param(userId).query(Long.class).list();
    }

    private static Staff staffRow(ResultSet rs, int row) throws SQLException {
        return new Staff(rs.getLong("id"), rs.getLong("school_id"), rs.getObject("user_id", Long.class),
                rs.getString("name"), rs.getString("phone"), new ArrayList<>());
    }

    private List<Staff> withSubjects(List<Staff> staff) {
        if (staff.isEmpty()) {
            return staff;
        }
        Map<Long, Staff> byId = new LinkedHashMap<>();
        staff.forEach(s -> byId.put(s.id(), s));
        jdbc.sql("""
                select ss.staff_id, sub.name from org_staff_subject ss join org_subject sub on sub.id = ss.subject_id
                 where ss.staff_id in (:ids) order by sub.id
                """).param("ids", byId.keySet()).query((rs, n) -> {
            byId.get(rs.getLong("staff_id")).subjects().add(rs.getString("name"));
            return null;
        }).list();
        return staff.stream().map(s -> new Staff(s.id(), s.schoolId(), s.userId(), s.name(), s.phone(),
                List.copyOf(s.subjects()))).toList();
    }

    public long addStudent(long schoolId, long classId, @Nullable Long userId, String studentNo, String name) {
        return insert(jdbc.sql("insert into org_student (school_id, class_id, user_id, student_no, name) values (?, ?, ?, ?, ?)")
                .params(schoolId, classId, userId, studentNo, name));
    }

    public List<Student> students(long schoolId, @Nullable Long classId) {
        if (classId == null) {
            return jdbc.sql(STUDENT_SELECT + " where s.school_id = ? order by g.grade_level, c.name, s.student_no")
                    .param(schoolId).query(People::student).list();
        }
        return jdbc.sql(STUDENT_SELECT + " where s.school_id = ? and s.class_id = ? order by s.student_no")
                .params(schoolId, classId).query(People::student).list();
    }

    public Optional<Student> student(long id) {
        return jdbc.sql(STUDENT_SELECT + " where s.id = ?").param(id).query(People::student).optional();
    }

    public List<Student> students(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(STUDENT_SELECT + " where s.id in (:ids) order by s.id").param("ids", ids).query(People::student)
                .list();
    }

    public Optional<Student> studentByNo(long schoolId, String studentNo) {
        return jdbc.sql(STUDENT_SELECT + " where s.school_id = ? and s.student_no = ?").params(schoolId, studentNo)
                .query(People::student).optional();
    }

    /** Student records of an account (normally one). */
    public List<Student> studentsOfUser(long userId) {
        return jdbc.sql(STUDENT_SELECT + " where s.user_id = ?").param(userId).query(People::student).list();
    }

    private static Student student(ResultSet rs, int row) throws SQLException {
        return new Student(rs.getLong("id"), rs.getLong("school_id"), rs.getLong("class_id"),
                SchoolClass.fullName(rs.getString("grade_name"), rs.getString("class_name")),
                rs.getObject("user_id", Long.class), rs.getString("student_no"), rs.getString("name"));
    }

    public long addGuardian(@Nullable Long userId, String name, @Nullable String phone) {
        return insert(jdbc.sql("insert into org_guardian (user_id, name, phone) values (?, ?, ?)").params(userId, name, phone));
    }

    public void link(long guardianId, long studentId, String relation) {
        jdbc.sql("insert into org_guardianship (guardian_id, student_id, relation) values (?, ?, ?)")
                .params(guardianId, studentId, relation).update();
    }

    /** The guardians of the given students, in no particular order. */
    public List<Guardian> guardiansOf(Collection<Long> studentIds) {
        if (studentIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select g.id as guardian_id, gs.student_id, g.user_id, g.name, g.phone, gs.relation
                  from org_guardianship gs join org_guardian g on g.id = gs.guardian_id
                 where gs.student_id in (:ids) order by g.id
                """).param("ids", studentIds).query(Guardian.class).list();
    }

    /** The students whose guardian is the account {@code userId}. */
    public List<Student> childrenOfUser(long userId) {
        return jdbc.sql(STUDENT_SELECT + """
                 where s.id in (select gs.student_id from org_guardianship gs join org_guardian g on g.id = gs.guardian_id
                                 where g.user_id = ?) order by s.id
                """).param(userId).query(People::student).list();
    }
}

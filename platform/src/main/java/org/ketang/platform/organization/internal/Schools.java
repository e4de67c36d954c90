package org.ketang.platform.organization.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Schools and their structure: grades, classes, buildings, classrooms; and the subjects. */
@Repository
public class Schools {

    private static final String CLASS_SELECT = """
            select c.id, c.school_id, c.grade_id, g.name as grade_name, g.grade_level, c.name, c.head_teacher_id,
                   h.name as head_teacher_name,
                   (select count(*) from org_student s where s.class_id = c.id) as student_count
              from org_class c
              join org_grade g on g.id = c.grade_id
              left join org_staff h on h.id = c.head_teacher_id
            """;

    private static final String CLASSROOM_SELECT = """
            select r.id, r.school_id, r.building_id, b.name as building_name, r.name, r.recording, r.home_class_id,
                   g.name as grade_name, c.name as class_name
              from org_classroom r
              join org_building b on b.id = r.building_id
              left join org_class c on c.id = r.home_class_id
              left join org_grade g on g.id = c.grade_id
            """;

    private final JdbcClient jdbc;

    Schools(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static long insert(JdbcClient.StatementSpec statement) {
        var keys = new GeneratedKeyHolder();
        statement.update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public boolean any() {
        return jdbc.sql("select count(*) from org_school").query(Long.class).single() > 0;
    }

    public long create(String name, String code) {
        return insert(jdbc.sql("insert into org_school (name, code) values (?, ?)").params(name, code));
    }

    public boolean codeTaken(String code) {
        return jdbc.sql("select count(*) from org_school where code = ?").param(code).query(Long.class).single() > 0;
    }

    public List<School> all() {
        return jdbc.sql("select id, name, code from org_school order by id").query(School.class).list();
    }

    public Optional<School> find(long id) {
        return jdbc.sql("select id, name, code from org_school where id = ?").param(id).query(School.class).optional();
    }

    public long addGrade(long schoolId, String name, int level) {
        return insert(jdbc.sql("insert into org_grade (school_id, name, grade_level) values (?, ?, ?)")
                .params(schoolId, name, level));
    }

    public List<Grade> grades(long schoolId) {
        return jdbc.sql("select id, school_id, name, grade_level as level from org_grade where school_id = ? order by grade_level, id")
                .param(schoolId).query(Grade.class).list();
    }

    public Optional<Grade> grade(long id) {
        return jdbc.sql("select id, school_id, name, grade_level as level from org_grade where id = ?").param(id)
                .query(Grade.class).optional();
    }

    public long addClass(long schoolId, long gradeId, String name) {
        return insert(jdbc.sql("insert into org_class (school_id, grade_id, name) values (?, ?, ?)")
                .params(schoolId, gradeId, name));
    }

    public Optional<SchoolClass> schoolClass(long id) {
        return jdbc.sql(CLASS_SELECT + " where c.id = ?").param(id).query(SchoolClass.class).optional();
    }

    public List<SchoolClass> classes(long schoolId) {
        return jdbc.sql(CLASS_SELECT + " where c.school_id = ? order by g.grade_level, g.id, c.name, c.id").param(schoolId)
                .query(SchoolClass.class).list();
    }

    public List<SchoolClass> classes(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(CLASS_SELECT + " where c.id in (:ids) order by c.school_id, g.grade_level, c.name, c.id")
                .param("ids", ids).query(SchoolClass.class).list();
    }

    public void setHeadTeacher(long classId, @Nullable Long staffId) {
        jdbc.sql("update org_class set head_teacher_id = ? where id = ?").params(staffId, classId).update();
    }

    public long addBuilding(long schoolId, String name) {
        return insert(jdbc.sql("insert into org_building (school_id, name) values (?, ?)").params(schoolId, name));
    }

    public List<Building> buildings(long schoolId) {
        return jdbc.sql("select id, school_id, name from org_building where school_id = ? order by id").param(schoolId)
                .query(Building.class).list();
    }

    public Optional<Building> building(long id) {
        return jdbc.sql("select id, school_id, name from org_building where id = ?").param(id).query(Building.class)
                .optional();
    }

    public long addClassroom(long schoolId, long buildingId, String name, boolean recording, @Nullable Long homeClassId) {
        return insert(jdbc.sql("""
                insert into org_classroom (school_id, building_id, name, recording, home_class_id) values (?, ?, ?, ?, ?)
                """).params(schoolId, buildingId, name, recording, homeClassId));
    }

    public void updateClassroom(long id, long buildingId, String name, boolean recording, @Nullable Long homeClassId) {
        jdbc.sql("update org_classroom set building_id = ?, name = ?, recording = ?, home_class_id = ? where id = ?")
                .params(buildingId, name, recording, homeClassId, id).update();
    }

    public List<Classroom> classrooms(long schoolId) {
        return jdbc.sql(CLASSROOM_SELECT + " where r.school_id = ? order by r.building_id, r.name, r.id").param(schoolId)
                .query(Schools::classroom).list();
    }

    public Optional<Classroom> classroom(long id) {
        return jdbc.sql(CLASSROOM_SELECT + " where r.id = ?").param(id).query(Schools::classroom).optional();
    }

    /** The classroom a class calls home, if any. */
    public Optional<Classroom> homeClassroomOf(long classId) {
        return jdbc.sql(CLASSROOM_SELECT + " where r.home_class_id = ? order by r.id").param(classId)
                .query(Schools::classroom).list().stream().findFirst();
    }

    private static Classroom classroom(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Long homeClassId = rs.getObject("home_class_id", Long.class);
        String homeClass = homeClassId == null ? null
                : SchoolClass.fullName(rs.getString("grade_name"), rs.getString("class_name"));
        return new Classroom(rs.getLong("id"), rs.getLong("school_id"), rs.getLong("building_id"),
                rs.getString("building_name"), rs.getString("name"), rs.getBoolean("recording"), homeClassId, homeClass);
    }

    public List<Subject> subjects() {
        return jdbc.sql("select id, code, name, name_en from org_subject order by id").query(Subject.class).list();
    }
}

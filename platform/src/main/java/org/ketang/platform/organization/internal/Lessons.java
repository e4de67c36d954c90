package org.ketang.platform.organization.internal;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Timetable entries (one per class, weekday and period in a term). */
@Repository
public class Lessons {

    private static final String SELECT = """
            select l.id, l.term_id, l.class_id, g.name as grade_name, c.name as class_name, l.weekday, l.period_no,
                   l.subject_id, sub.code as subject_code, sub.name as subject_name, l.teacher_id, t.name as teacher_name,
                   t.user_id as teacher_user_id,
                   l.classroom_id, r.name as classroom_name
              from org_lesson l
              join org_class c on c.id = l.class_id
              join org_grade g on g.id = c.grade_id
              join org_subject sub on sub.id = l.subject_id
              left join org_staff t on t.id = l.teacher_id
              left join org_classroom r on r.id = l.classroom_id
            """;

    /** A lesson to write: weekday 1 = Monday. */
    public record Placement(long classId, int weekday, int period, long subjectId, @Nullable Long teacherId,
            @Nullable Long classroomId) {
    }

    private final JdbcClient jdbc;

    Lessons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the whole week of each class in {@code classIds} in the term with {@code placements}. */
    public void replace(long termId, Collection<Long> classIds, List<Placement> placements) {
        if (!classIds.isEmpty()) {
            jdbc.sql("delete from org_lesson where term_id = :term and class_id in (:classes)").param("term", termId)
                    .param("classes", classIds).update();
        }
        for (Placement p : placements) {
            jdbc.sql("""
                    insert into org_lesson (term_id, class_id, weekday, period_no, subject_id, teacher_id, classroom_id)
                    values (?, ?, ?, ?, ?, ?, ?)
                    """).params(termId, p.classId(), p.weekday(), p.period(), p.subjectId(), p.teacherId(), p.classroomId())
                    .update();
        }
    }

    public List<Lesson> ofClass(long termId, long classId) {
        return jdbc.sql(SELECT + " where l.term_id = ? and l.class_id = ? order by l.weekday, l.period_no")
                .params(termId, classId).query(Lessons::lesson).list();
    }

    public List<Lesson> ofTeachers(Collection<Long> staffIds, LocalDate today) {
        if (staffIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + """
                 join org_term tm on tm.id = l.term_id
                 where l.teacher_id in (:staff) and tm.start_date <= :today and tm.end_date >= :today
                 order by l.weekday, l.period_no
                """).param("staff", staffIds).param("today", today).query(Lessons::lesson).list();
    }

    /**
     * The lesson in a classroom at a slot: an entry naming the classroom, else an entry of the home class
     * that names no classroom.
     */
    public Optional<Lesson> inClassroom(long termId, int weekday, int period, long classroomId, @Nullable Long homeClassId) {
        List<Lesson> found = jdbc.sql(SELECT + """
                 where l.term_id = :term and l.weekday = :weekday and l.period_no = :period
                   and (l.classroom_id = :room or (l.classroom_id is null and l.class_id = :home))
                 order by case when l.classroom_id is null then 1 else 0 end, l.id
                """).param("term", termId).param("weekday", weekday).param("period", period).param("room", classroomId)
                .param("home", homeClassId == null ? -1L : homeClassId).query(Lessons::lesson).list();
        return found.stream().findFirst();
    }

    /**
     * Every lesson of a term held in a classroom, by weekday and period: for each slot the entry naming the classroom,
     * else the home class's entry that names no classroom — the rule of {@link #inClassroom}, for a whole week at once.
     */
    public Map<Integer, Lesson> weekInClassroom(long termId, long classroomId, @Nullable Long homeClassId) {
        Map<Integer, Lesson> week = new HashMap<>();
        jdbc.sql(SELECT + """
                 where l.term_id = :term and (l.classroom_id = :room or (l.classroom_id is null and l.class_id = :home))
                 order by case when l.classroom_id is null then 1 else 0 end, l.id
                """).param("term", termId).param("room", classroomId)
                .param("home", homeClassId == null ? -1L : homeClassId).query(Lessons::lesson).list()
                .forEach(l -> week.putIfAbsent(slot(l.weekday(), l.period()), l));
        return week;
    }

    /** The key of a weekday (1 = Monday) and period in {@link #weekInClassroom}. */
    public static int slot(int weekday, int period) {
        return weekday * 100 + period;
    }

    private static Lesson lesson(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Lesson(rs.getLong("id"), rs.getLong("term_id"), rs.getLong("class_id"), rs.getString("grade_name"),
                SchoolClass.fullName(rs.getString("grade_name"), rs.getString("class_name")), rs.getInt("weekday"),
                rs.getInt("period_no"), rs.getLong("subject_id"), rs.getString("subject_code"),
                rs.getString("subject_name"), rs.getObject("teacher_id", Long.class), rs.getString("teacher_name"),
                rs.getObject("teacher_user_id", Long.class), rs.getObject("classroom_id", Long.class),
                rs.getString("classroom_name"));
    }
}

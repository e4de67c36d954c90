package org.ketang.platform.homeschool.internal;

import static org.ketang.platform.homeschool.internal.Notices.afterCommit;
import static org.ketang.platform.homeschool.internal.Notices.instant;
import static org.ketang.platform.homeschool.internal.Notices.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.audit.AuditTrail;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.Directory;
import org.ketang.platform.organization.Directory.ClassPeriod;
import org.ketang.platform.organization.Directory.ClassTeacher;
import org.ketang.platform.organization.Directory.GuardianOf;
import org.ketang.platform.organization.OrganizationSettings;
import org.ketang.platform.organization.Reach;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Leave requests (请假): a parent asks for a child (whole days or chosen periods), the class's head teacher
 * approves or rejects; approval marks the child's attendance for those periods and tells the teachers of those
 * periods and the parent, over the notification channel.
 */
@Service
@Transactional
public class LeaveRequests {

    public enum Kind {
        SICK, PERSONAL, OTHER
    }

    public enum State {
        PENDING, APPROVED, REJECTED
    }

    public record NewLeave(long studentId, Kind kind, LocalDate fromDate, LocalDate toDate, @Nullable List<Integer> periods,
            String reason) {
    }

    public record Leave(long id, long classId, long studentId, String studentName, String requesterName, Kind kind,
            LocalDate fromDate, LocalDate toDate, @Nullable List<Integer> periods, String reason, State state,
            @Nullable String deciderName, @Nullable Instant decidedAt, @Nullable String decisionNote, Instant createdAt) {
    }

    public record Attendance(long studentId, String studentName, LocalDate date, int period, String status, @Nullable Long leaveId) {
    }

    static final int MAX_DAYS = 31;

    private final JdbcClient jdbc;
    private final Directory directory;
    private final Reach reach;
    private final NotificationHub hub;
    private final OrganizationSettings organization;
    private final AuditTrail audit;

    LeaveRequests(JdbcClient jdbc, Directory directory, Reach reach, NotificationHub hub, OrganizationSettings organization,
            AuditTrail audit) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.reach = reach;
        this.hub = hub;
        this.organization = organization;
        this.audit = audit;
    }

    public long request(Actor actor, NewLeave leave) {
        actor.require(Permission.HOMESCHOOL_USE);
        GuardianOf child = directory.guardiansOfStudents(List.of(leave.studentId())).stream()
                .filter(g -> g.userId() == actor.userId()).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("学生", "Student"));
        if (leave.toDate().isBefore(leave.fromDate()) || leave.fromDate().plusDays(MAX_DAYS).isBefore(leave.toDate())) {
            throw ApiProblem.invalid("请假日期不正确（最长 " + MAX_DAYS + " 天）", "Check the dates (at most " + MAX_DAYS + " days)");
        }
        String periods = leave.periods() == null || leave.periods().isEmpty() ? null
                : new LinkedHashSet<>(leave.periods()).stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
        long schoolId = directory.schoolClass(child.classId()).orElseThrow().schoolId();
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into hs_leave (school_id, class_id, student_id, student_name, requested_by, requester_name, kind,
                                      from_date, to_date, periods, reason, state, created_at)
                values (:school, :class, :student, :studentName, :by, :byName, :kind, :from, :to, :periods, :reason,
                        'PENDING', :at)""").param("school", schoolId).param("class", child.classId())
                .param("student", child.studentId()).param("studentName", child.studentName())
                .param("by", actor.userId()).param("byName", child.guardianName() + "（" + child.relation() + "）")
                .param("kind", leave.kind().name()).param("from", leave.fromDate()).param("to", leave.toDate())
                .param("periods", periods).param("reason", leave.reason().strip()).param("at", utc(Instant.now()))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        List<Long> heads = directory.teachersOfClass(child.classId(), LocalDate.now(organization.zone())).stream()
                .filter(ClassTeacher::head).map(ClassTeacher::userId).toList();
        Map<String, Object> message = Map.of("type", "leave", "leaveId", id, "state", "PENDING", "studentName",
                child.studentName());
        afterCommit(() -> hub.send(heads, message));
        return id;
    }

    /** The leave requests the actor made for their children, newest first. */
    @Transactional(readOnly = true)
    public List<Leave> mine(Actor actor) {
        return jdbc.sql(SELECT + " where requested_by = ? order by id desc fetch first 100 rows only").param(actor.userId())
                .query(LeaveRequests::row).list();
    }

    /** A class's leave requests (pending first), for its teachers. */
    @Transactional(readOnly = true)
    public List<Leave> ofClass(Actor actor, long classId) {
        seesStudentsOf(actor, classId);
        return jdbc.sql(SELECT + " where class_id = ? order by case when state = 'PENDING' then 0 else 1 end, id desc "
                + "fetch first 200 rows only").param(classId).query(LeaveRequests::row).list();
    }

    @Transactional(readOnly = true)
    public Leave one(Actor actor, long id) {
        Leave leave = find(id);
        if (leave.requesterName() != null && requestedBy(id) == actor.userId()) {
            return leave;
        }
        if (actor.can(Permission.HOMESCHOOL_TEACH) && reach.of(actor).studentsOf(leave.classId(), schoolOf(leave.classId()))) {
            return leave;
        }
        throw notFound();
    }

    /** The head teacher (or whole-school staff with the permission) approves or rejects a pending request. */
    public Leave decide(Actor actor, long id, boolean approve, @Nullable String note) {
        actor.require(Permission.LEAVE_APPROVE);
        Leave leave = find(id);
        long schoolId = schoolOf(leave.classId());
        boolean head = directory.teachersOfClass(leave.classId(), LocalDate.now(organization.zone())).stream()
                .anyMatch(t -> t.head() && t.userId() == actor.userId());
        if (!head && !actor.reachesWholeSchool(schoolId)) {
            if (reach.of(actor).studentsOf(leave.classId(), schoolId)) {
                throw ApiProblem.forbidden();
            }
            throw notFound();
        }
        if (leave.state() != State.PENDING) {
            throw ApiProblem.conflict("这条请假已经处理过了", "This leave request has been decided already");
        }
        jdbc.sql("""
                update hs_leave set state = :state, decided_by = :by, decider_name = :name, decided_at = :at,
                       decision_note = :note where id = :id""").param("state", approve ? "APPROVED" : "REJECTED")
                .param("by", actor.userId()).param("name", actor.displayName()).param("at", utc(Instant.now()))
                .param("note", note).param("id", id).update();
        Set<Long> teachers = new LinkedHashSet<>();
        if (approve) {
            for (LocalDate day = leave.fromDate(); !day.isAfter(leave.toDate()); day = day.plusDays(1)) {
                List<ClassPeriod> timetable = directory.periodsOfClass(leave.classId(), day);
                List<Integer> periods = new ArrayList<>();
                for (ClassPeriod p : timetable) {
                    if (leave.periods() == null || leave.periods().contains(p.period())) {
                        periods.add(p.period());
                        if (p.teacherUserId() != null) {
                            teachers.add(p.teacherUserId());
                        }
                    }
                }
                if (timetable.isEmpty() && leave.periods() == null && day.getDayOfWeek().getValue() <= 5) {
                    periods.add(0);
                } else if (timetable.isEmpty() && leave.periods() != null) {
                    periods.addAll(leave.periods());
                }
                for (int period : periods) {
                    jdbc.sql("delete from hs_attendance where student_id = ? and on_date = ? and period_no = ?")
                            .params(leave.studentId(), day, period).update();
                    jdbc.sql("""
                            insert into hs_attendance (student_id, class_id, on_date, period_no, status, leave_id)
                            values (?, ?, ?, ?, 'LEAVE', ?)""").params(leave.studentId(), leave.classId(), day, period, id)
                            .update();
                }
            }
        }
        audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), approve ? "homeschool.leave-approved"
                : "homeschool.leave-rejected", "leave " + id, leave.studentName() + " " + leave.fromDate() + "–" + leave.toDate(),
                AuditTrail.Outcome.SUCCESS, schoolId, null));
        Leave decided = find(id);
        long parent = requestedBy(id);
        Map<String, Object> toParent = Map.of("type", "leave", "leaveId", id, "state", decided.state().name(),
                "studentName", leave.studentName());
        Map<String, Object> toTeachers = new LinkedHashMap<>();
        toTeachers.put("type", "leave-approved");
        toTeachers.put("leaveId", id);
        toTeachers.put("studentName", leave.studentName());
        toTeachers.put("classId", leave.classId());
        toTeachers.put("fromDate", leave.fromDate().toString());
        toTeachers.put("toDate", leave.toDate().toString());
        toTeachers.put("periods", leave.periods() == null ? List.of() : leave.periods());
        teachers.remove(actor.userId());
        List<Long> told = List.copyOf(teachers);
        afterCommit(() -> {
            hub.send(parent, toParent);
            hub.send(told, toTeachers);
        });
        return decided;
    }

    /** Attendance marks of a class on a day (teachers), or of one's own child over a range (parents). */
    @Transactional(readOnly = true)
    public List<Attendance> attendance(Actor actor, @Nullable Long classId, @Nullable Long studentId, LocalDate from,
            LocalDate to) {
        if (classId != null) {
            seesStudentsOf(actor, classId);
        } else if (studentId == null || !reach.student(actor, studentId)) {
            throw ApiProblem.notFound("学生", "Student");
        }
        return jdbc.sql("""
                select a.student_id, l.student_name, a.on_date, a.period_no, a.status, a.leave_id
                  from hs_attendance a join hs_leave l on l.id = a.leave_id
                 where (cast(:class as bigint) is null or a.class_id = :class)
                   and (cast(:student as bigint) is null or a.student_id = :student)
                   and a.on_date >= :from and a.on_date <= :to
                 order by a.on_date, l.student_name, a.period_no""").param("class", classId).param("student", studentId)
                .param("from", from).param("to", to)
                .query((rs, n) -> new Attendance(rs.getLong("student_id"), rs.getString("student_name"),
                        rs.getObject("on_date", LocalDate.class), rs.getInt("period_no"), rs.getString("status"),
                        rs.getObject("leave_id", Long.class)))
                .list();
    }

    private void seesStudentsOf(Actor actor, long classId) {
        actor.require(Permission.HOMESCHOOL_TEACH);
        if (!reach.of(actor).studentsOf(classId, schoolOf(classId))) {
            throw ApiProblem.notFound("班级", "Class");
        }
    }

    private long schoolOf(long classId) {
        return directory.schoolClass(classId).orElseThrow(() -> ApiProblem.notFound("班级", "Class")).schoolId();
    }

    private long requestedBy(long id) {
        return jdbc.sql("select requested_by from hs_leave where id = ?").param(id).query(Long.class).single();
    }

    private Leave find(long id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(LeaveRequests::row).optional().orElseThrow(LeaveRequests::notFound);
    }

    private static final String SELECT = """
            select id, class_id, student_id, student_name, requester_name, kind, from_date, to_date, periods, reason, state,
                   decider_name, decided_at, decision_note, created_at from hs_leave""";

    private static Leave row(ResultSet rs, int n) throws SQLException {
        String periods = rs.getString("periods");
        return new Leave(rs.getLong("id"), rs.getLong("class_id"), rs.getLong("student_id"), rs.getString("student_name"),
                rs.getString("requester_name"), Kind.valueOf(rs.getString("kind")), rs.getObject("from_date", LocalDate.class),
                rs.getObject("to_date", LocalDate.class),
                periods == null ? null : Arrays.stream(periods.split(",")).map(Integer::valueOf).toList(),
                rs.getString("reason"), State.valueOf(rs.getString("state")), rs.getString("decider_name"),
                instant(rs, "decided_at"), rs.getString("decision_note"), instant(rs, "created_at"));
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("请假", "Leave request");
    }
}

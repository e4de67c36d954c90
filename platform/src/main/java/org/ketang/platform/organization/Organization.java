package org.ketang.platform.organization;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.organization.internal.Building;
import org.ketang.platform.organization.internal.Calendars;
import org.ketang.platform.organization.internal.Grade;
import org.ketang.platform.organization.internal.Lessons;
import org.ketang.platform.organization.internal.People;
import org.ketang.platform.organization.internal.SchoolClass;
import org.ketang.platform.organization.internal.Schools;
import org.ketang.platform.organization.internal.Subject;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds and changes the district's structure: schools, grades, classes, rooms, people records, terms, bell
 * schedules and timetables. Used by the REST controllers and by the demo seeder; it checks consistency
 * (a building belongs to the school, a class to the grade, …), not permissions — callers do that.
 */
@Service
@Transactional
public class Organization {

    private final Schools schools;
    private final People people;
    private final Calendars calendars;
    private final Lessons lessons;

    Organization(Schools schools, People people, Calendars calendars, Lessons lessons) {
        this.schools = schools;
        this.people = people;
        this.calendars = calendars;
        this.lessons = lessons;
    }

    /** A lesson in a class's weekly timetable; {@code classroomId == null} means the class's home classroom. */
    public record LessonSlot(DayOfWeek weekday, int period, String subjectCode, @Nullable Long teacherId,
            @Nullable Long classroomId) {
    }

    @Transactional(readOnly = true)
    public boolean hasSchools() {
        return schools.any();
    }

    public long createSchool(String name, String code) {
        if (schools.codeTaken(code)) {
            throw ApiProblem.conflict("学校代码 " + code + " 已存在", "School code " + code + " is already taken");
        }
        return schools.create(name.strip(), code.strip());
    }

    public long addGrade(long schoolId, String name, int level) {
        requireSchool(schoolId);
        if (schools.grades(schoolId).stream().anyMatch(g -> g.name().equals(name.strip()))) {
            throw ApiProblem.conflict("年级 " + name + " 已存在", "Grade " + name + " already exists");
        }
        return schools.addGrade(schoolId, name.strip(), level);
    }

    public long addClass(long gradeId, String name) {
        Grade grade = schools.grade(gradeId).orElseThrow(() -> ApiProblem.notFound("年级", "Grade"));
        String clean = name.strip();
        if (schools.classes(grade.schoolId()).stream().anyMatch(c -> c.gradeId() == gradeId && c.name().equals(clean))) {
            throw ApiProblem.conflict("班级 " + clean + " 已存在", "Class " + clean + " already exists");
        }
        return schools.addClass(grade.schoolId(), gradeId, clean);
    }

    public void setHeadTeacher(long classId, long staffId) {
        SchoolClass schoolClass = schools.schoolClass(classId).orElseThrow(() -> ApiProblem.notFound("班级", "Class"));
        people.staffMember(staffId).filter(s -> s.schoolId() == schoolClass.schoolId())
                .orElseThrow(() -> ApiProblem.invalid("该教师不属于本校", "The teacher does not work at this school"));
        schools.setHeadTeacher(classId, staffId);
    }

    public long addBuilding(long schoolId, String name) {
        requireSchool(schoolId);
        return schools.addBuilding(schoolId, name.strip());
    }

    public long addClassroom(long schoolId, long buildingId, String name, boolean recording, @Nullable Long homeClassId) {
        checkRoom(schoolId, buildingId, homeClassId);
        return schools.addClassroom(schoolId, buildingId, name.strip(), recording, homeClassId);
    }

    public void updateClassroom(long classroomId, long buildingId, String name, boolean recording,
            @Nullable Long homeClassId) {
        long schoolId = schools.classroom(classroomId).orElseThrow(() -> ApiProblem.notFound("教室", "Classroom")).schoolId();
        checkRoom(schoolId, buildingId, homeClassId);
        schools.updateClassroom(classroomId, buildingId, name.strip(), recording, homeClassId);
    }

    private void checkRoom(long schoolId, long buildingId, @Nullable Long homeClassId) {
        Building building = schools.building(buildingId).orElse(null);
        if (building == null || building.schoolId() != schoolId) {
            throw ApiProblem.invalid("教学楼不属于本校", "The building does not belong to this school");
        }
        if (homeClassId != null && schools.schoolClass(homeClassId).filter(c -> c.schoolId() == schoolId).isEmpty()) {
            throw ApiProblem.invalid("班级不属于本校", "The class does not belong to this school");
        }
    }

    /** Adds a member of staff; {@code subjectCodes} are subject codes (e.g. MATH) or names (数学). */
    public long addStaff(long schoolId, @Nullable Long userId, String name, @Nullable String phone,
            Collection<String> subjectCodes) {
        requireSchool(schoolId);
        return people.addStaff(schoolId, userId, name.strip(), phone, subjectCodes.stream().map(this::subjectId).toList());
    }

    public long addStudent(long classId, @Nullable Long userId, String studentNo, String name) {
        SchoolClass schoolClass = schools.schoolClass(classId).orElseThrow(() -> ApiProblem.notFound("班级", "Class"));
        if (people.studentByNo(schoolClass.schoolId(), studentNo).isPresent()) {
            throw ApiProblem.conflict("学号 " + studentNo + " 已存在", "Student number " + studentNo + " is already taken");
        }
        return people.addStudent(schoolClass.schoolId(), classId, userId, studentNo.strip(), name.strip());
    }

    /** Adds a parent (or other guardian) of the given students, e.g. relation 母亲. */
    public long addGuardian(@Nullable Long userId, String name, @Nullable String phone, Map<Long, String> relationByStudent) {
        long id = people.addGuardian(userId, name.strip(), phone);
        relationByStudent.forEach((studentId, relation) -> {
            people.student(studentId).orElseThrow(() -> ApiProblem.notFound("学生", "Student"));
            people.link(id, studentId, relation);
        });
        return id;
    }

    public long addTerm(long schoolId, String name, LocalDate start, LocalDate end) {
        requireSchool(schoolId);
        if (end.isBefore(start)) {
            throw ApiProblem.invalid("学期结束日期早于开始日期", "The term ends before it starts");
        }
        return calendars.addTerm(schoolId, name.strip(), start, end);
    }

    public void setBellSchedule(long schoolId, BellSchedule schedule) {
        requireSchool(schoolId);
        calendars.replaceBellSchedule(schoolId, schedule);
    }

    /** Replaces the weekly timetable of one class in a term. */
    public void setTimetable(long termId, long classId, List<LessonSlot> slots) {
        Term term = calendars.term(termId).orElseThrow(() -> ApiProblem.notFound("学期", "Term"));
        SchoolClass schoolClass = schools.schoolClass(classId).filter(c -> c.schoolId() == term.schoolId())
                .orElseThrow(() -> ApiProblem.notFound("班级", "Class"));
        Map<String, Long> subjects = subjectIds();
        lessons.replace(termId, List.of(schoolClass.id()), slots.stream()
                .map(s -> new Lessons.Placement(classId, s.weekday().getValue(), s.period(),
                        require(subjects, s.subjectCode()), s.teacherId(), s.classroomId()))
                .toList());
    }

    private long subjectId(String codeOrName) {
        return require(subjectIds(), codeOrName);
    }

    private static long require(Map<String, Long> subjects, String codeOrName) {
        Long id = subjects.get(codeOrName);
        if (id == null) {
            throw ApiProblem.invalid("未知学科 " + codeOrName, "Unknown subject " + codeOrName);
        }
        return id;
    }

    private Map<String, Long> subjectIds() {
        List<Subject> all = schools.subjects();
        Map<String, Long> ids = all.stream().collect(Collectors.toMap(Subject::code, Subject::id));
        ids.putAll(all.stream().collect(Collectors.toMap(Subject::name, Subject::id, (a, b) -> a)));
        return ids;
    }

    private void requireSchool(long schoolId) {
        schools.find(schoolId).orElseThrow(() -> ApiProblem.notFound("学校", "School"));
    }

}

package org.ketang.platform.organization;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.ketang.platform.identity.ActingAs;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.organization.Organization.LessonSlot;

/**
 * A small school for API tests, made through the module's public API: 七年级 with 1班 and 2班, home
 * classrooms 录播教室1 (1班) and 录播教室2 (2班) plus a lab without a class, teachers 王芳 (数学), 李强 (语文,
 * head of 1班) and 赵敏 (英语), two students per class with a parent each, and bells of three periods a day
 * (shorter on Friday). Every name that must be unique in the database gets a random suffix, because API
 * test classes share one application context.
 */
public final class TestSchool {

    public final String tag = UUID.randomUUID().toString().substring(0, 8);
    public final long id;
    public final long grade;
    public final long class1;
    public final long class2;
    public final long room1;
    public final long room2;
    public final long lab;
    public final long building;
    public final long term;
    public final long wang;
    public final long li;
    public final long zhao;
    public final long wangUser;
    public final long liUser;
    public final long zhaoUser;
    public final long student1;
    public final long student2;
    public final long student3;
    public final long student1User;
    public final long parent1User;
    public final long parent3User;

    private final UserAccounts accounts;

    public static BellSchedule bells() {
        return new BellSchedule(List.of(
                new DayKind("常规", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), List.of(
                        period(1, "08:00", "08:45"), period(2, "08:55", "09:40"), period(3, "10:00", "10:45"))),
                new DayKind("周五", Set.of(DayOfWeek.FRIDAY), List.of(
                        period(1, "08:00", "08:40"), period(2, "08:50", "09:30"), period(3, "09:50", "10:30")))));
    }

    static Period period(int no, String start, String end) {
        return new Period(no, LocalTime.parse(start), LocalTime.parse(end));
    }

    /** A school whose only term runs from {@code termStart} to {@code termEnd}; with a timetable when asked. */
    public TestSchool(Organization organization, UserAccounts accounts, LocalDate termStart, LocalDate termEnd,
            boolean withTimetable) {
        this.accounts = accounts;
        id = organization.createSchool("测试中学" + tag, "T" + tag);
        grade = organization.addGrade(id, "七年级", 7);
        class1 = organization.addClass(grade, "1班");
        class2 = organization.addClass(grade, "2班");
        building = organization.addBuilding(id, "综合楼");
        room1 = organization.addClassroom(id, building, "录播教室1", true, class1);
        room2 = organization.addClassroom(id, building, "录播教室2", true, class2);
        lab = organization.addClassroom(id, building, "实验室", false, null);
        wangUser = account("wang", BuiltInRole.TEACHER);
        liUser = account("li", BuiltInRole.TEACHER, BuiltInRole.HEAD_TEACHER);
        zhaoUser = account("zhao", BuiltInRole.TEACHER);
        wang = organization.addStaff(id, wangUser, "王芳", null, List.of("数学"));
        li = organization.addStaff(id, liUser, "李强", null, List.of("语文"));
        zhao = organization.addStaff(id, zhaoUser, "赵敏", null, List.of("ENGLISH"));
        organization.setHeadTeacher(class1, li);
        student1User = account("s1", BuiltInRole.STUDENT);
        student1 = organization.addStudent(class1, student1User, "1" + tag, "张小明");
        student2 = organization.addStudent(class1, null, "2" + tag, "刘洋");
        student3 = organization.addStudent(class2, null, "3" + tag, "陈晨");
        organization.addStudent(class2, null, "4" + tag, "周杰");
        parent1User = account("p1", BuiltInRole.PARENT);
        parent3User = account("p3", BuiltInRole.PARENT);
        organization.addGuardian(parent1User, "张伟", null, Map.of(student1, "父亲"));
        organization.addGuardian(parent3User, "陈静", null, Map.of(student3, "母亲"));
        organization.addGuardian(null, "刘强", null, Map.of(student2, "父亲"));
        term = organization.addTerm(id, "测试学期", termStart, termEnd);
        organization.setBellSchedule(id, bells());
        if (withTimetable) {
            // 1班: 数学 with 王芳 in the home room; 语文 with 李强 in the lab; 英语 with 赵敏 on Friday
            organization.setTimetable(term, class1, List.of(
                    new LessonSlot(DayOfWeek.MONDAY, 1, "MATH", wang, null),
                    new LessonSlot(DayOfWeek.MONDAY, 2, "CHINESE", li, lab),
                    new LessonSlot(DayOfWeek.TUESDAY, 1, "MATH", wang, null),
                    new LessonSlot(DayOfWeek.WEDNESDAY, 1, "MATH", wang, null),
                    new LessonSlot(DayOfWeek.FRIDAY, 1, "ENGLISH", zhao, null)));
            // 2班: only 李强 and 王芳 teach here; 赵敏 does not
            organization.setTimetable(term, class2, List.of(
                    new LessonSlot(DayOfWeek.MONDAY, 1, "CHINESE", li, null),
                    new LessonSlot(DayOfWeek.MONDAY, 2, "MATH", wang, null),
                    new LessonSlot(DayOfWeek.MONDAY, 3, "SELF_STUDY", null, null)));
        }
    }

    private long account(String who, BuiltInRole... roles) {
        Set<String> codes = new java.util.HashSet<>();
        for (BuiltInRole role : roles) {
            codes.add(role.code());
        }
        return accounts.create(new UserAccounts.NewAccount(who + tag, null, who, "password-" + tag, id, codes, false));
    }

    /** An actor with these roles in this school. */
    public Actor actor(long userId, BuiltInRole... roles) {
        return ActingAs.withRoles(userId, "u" + userId, id, roles);
    }

    public Actor admin() {
        return ActingAs.withRoles(999_000 + id, "sadmin" + tag, id, BuiltInRole.SCHOOL_ADMIN);
    }

    public static Actor districtAdmin() {
        return ActingAs.withRoles(999_999, "admin", null, BuiltInRole.DISTRICT_ADMIN);
    }
}

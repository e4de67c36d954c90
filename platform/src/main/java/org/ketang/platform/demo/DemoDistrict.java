package org.ketang.platform.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.organization.BellSchedule;
import org.ketang.platform.organization.DayKind;
import org.ketang.platform.observation.ResearcherSubjects;
import org.ketang.platform.observation.Rubric;
import org.ketang.platform.observation.Rubrics;
import org.ketang.platform.organization.Directory;
import org.ketang.platform.organization.Organization;
import org.ketang.platform.organization.Organization.LessonSlot;
import org.ketang.platform.organization.OrganizationSettings;
import org.ketang.platform.organization.Period;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the demo district on the first start in the demo profile, all in one transaction; does nothing
 * when the district already has schools. Accounts that already exist (the identity module creates
 * {@code admin} itself) are kept and given the demo password and roles.
 */
@Component
@Profile("demo")
class DemoDistrict implements ApplicationRunner {

    /** The password of every demo account, as the README says. */
    static final String PASSWORD = "ketang2026";

    private static final Logger log = LoggerFactory.getLogger(DemoDistrict.class);

    /** A week that never puts one subject in two neighbouring periods, so that classes shifted by one never clash. */
    static final Map<DayOfWeek, List<String>> WEEK = Map.of(
            DayOfWeek.MONDAY, List.of("语文", "数学", "英语", "历史", "班会", "地理", "数学", "体育"),
            DayOfWeek.TUESDAY, List.of("数学", "语文", "英语", "生物", "美术", "语文", "物理", "自习"),
            DayOfWeek.WEDNESDAY, List.of("英语", "数学", "语文", "道德与法治", "体育", "物理", "英语", "信息技术"),
            DayOfWeek.THURSDAY, List.of("语文", "英语", "数学", "地理", "音乐", "生物", "历史", "自习"),
            DayOfWeek.FRIDAY, List.of("数学", "语文", "英语", "物理", "体育", "道德与法治"));

    static final List<String> TAUGHT = List.of("语文", "数学", "英语", "物理", "生物", "历史", "地理", "道德与法治", "体育",
            "音乐", "美术", "信息技术");

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘";
    private static final String[] GIVEN = { "芳", "强", "敏", "伟", "静", "磊", "丽", "军", "洋", "艳", "杰", "娟", "涛", "明",
            "超", "霞", "平", "刚", "桂英", "建华", "晓燕", "志强", "海燕", "文博", "思远", "雨涵", "子轩", "欣怡", "浩然", "梓涵" };

    private final Organization organization;
    private final UserAccounts accounts;
    private final TransactionTemplate transaction;
    private final OrganizationSettings settings;
    private final Directory directory;
    private final ResearcherSubjects researcherSubjects;
    private final Rubrics rubrics;
    private int nameCounter;

    DemoDistrict(Organization organization, UserAccounts accounts, TransactionTemplate transaction,
            OrganizationSettings settings, Directory directory, ResearcherSubjects researcherSubjects, Rubrics rubrics) {
        this.organization = organization;
        this.accounts = accounts;
        this.transaction = transaction;
        this.settings = settings;
        this.directory = directory;
        this.researcherSubjects = researcherSubjects;
        this.rubrics = rubrics;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (organization.hasSchools()) {
            log.info("Demo district: the district already has schools; nothing seeded");
            return;
        }
        transaction.executeWithoutResult(status -> seed(LocalDate.now(settings.zone())));
        log.info("Demo district seeded: 2 schools; sign in as admin / {}", PASSWORD);
    }

    void seed(LocalDate today) {
        long admin = user("admin", "区管理员", null, BuiltInRole.DISTRICT_ADMIN);
        long researcher = user("r1", "教研员 陈老师", null, BuiltInRole.RESEARCHER);
        user("sup1", "督导 孙老师", null, BuiltInRole.SUPERVISOR);
        long first = school("第一中学", "S01", today, 1);
        long second = school("实验中学", "S02", today, 2);
        user("sadmin1", "第一中学管理员", first, BuiltInRole.SCHOOL_ADMIN);
        user("principal1", "第一中学校长", first, BuiltInRole.PRINCIPAL);
        user("sadmin2", "实验中学管理员", second, BuiltInRole.SCHOOL_ADMIN);
        // contest judges (评委): a teacher of each school; a judge never scores an entry of their own school
        user("judge1", "评委 周老师", first, BuiltInRole.TEACHER, BuiltInRole.JUDGE);
        user("judge2", "评委 吴老师", second, BuiltInRole.TEACHER, BuiltInRole.JUDGE);
        // the researcher observes 数学 (教研听课 is limited to a researcher's subjects)
        directory.subjectNamed("数学").ifPresent(math -> researcherSubjects.assign(researcher, List.of(math.id())));
        rubrics.define("课堂教学评价表", "听课评课通用量表（示例）", List.of(
                new Rubric.Draft("教学目标", "目标明确、符合课标和学情", 2, 10),
                new Rubric.Draft("教学过程", "环节清晰、重难点突出", 3, 10),
                new Rubric.Draft("学生参与", "学生主动思考、充分互动", 3, 10),
                new Rubric.Draft("教学效果", "目标达成、学生有收获", 2, 10)), admin);
    }

    /** One school: grades 7–9 with two classes each, rooms, staff, students, parents, term, bells and timetables. */
    private long school(String name, String code, LocalDate today, int number) {
        long schoolId = organization.createSchool(name, code);
        long teaching = organization.addBuilding(schoolId, "教学楼");
        long media = organization.addBuilding(schoolId, "综合楼");
        Map<String, Long> classes = new java.util.LinkedHashMap<>();
        Map<Long, Long> homeRoom = new HashMap<>();
        int room = 0;
        for (int level = 7; level <= 9; level++) {
            String grade = "七八九".charAt(level - 7) + "年级";
            long gradeId = organization.addGrade(schoolId, grade, level);
            for (int c = 1; c <= 2; c++) {
                long classId = organization.addClass(gradeId, c + "班");
                classes.put(grade + c + "班", classId);
                room++;
                // the two classes of 七年级 sit in the school's recording classrooms
                boolean recording = level == 7;
                long classroomId = recording
                        ? organization.addClassroom(schoolId, media, "录播教室" + c, true, classId)
                        : organization.addClassroom(schoolId, teaching, (level - 6) + "0" + c + "教室", false, classId);
                homeRoom.put(classId, classroomId);
            }
        }
        organization.addClassroom(schoolId, teaching, "阶梯教室", false, null);

        // staff: one teacher per subject and grade; the named demo users take some of these places
        Map<String, Long> teacher = new HashMap<>();
        for (int level = 7; level <= 9; level++) {
            String grade = "七八九".charAt(level - 7) + "年级";
            for (String subject : TAUGHT) {
                String key = grade + subject;
                @Nullable Long userId = null;
                String staffName = nextName();
                if (number == 1 && key.equals("七年级数学")) {
                    staffName = "王芳";
                    userId = user("t1", staffName, schoolId, BuiltInRole.TEACHER);
                } else if (number == 1 && key.equals("七年级语文")) {
                    staffName = "李强";
                    userId = user("ht1", staffName, schoolId, BuiltInRole.HEAD_TEACHER, BuiltInRole.TEACHER);
                } else if (number == 2 && key.equals("七年级数学")) {
                    staffName = "赵敏";
                    userId = user("t2", staffName, schoolId, BuiltInRole.TEACHER);
                }
                teacher.put(key, organization.addStaff(schoolId, userId, staffName, null, List.of(subject)));
            }
        }
        // head teachers: the 语文 teacher heads class 1, the 英语 teacher class 2 (and they hold 班会)
        Map<Long, Long> head = new HashMap<>();
        classes.forEach((fullName, classId) -> {
            String grade = fullName.substring(0, 3);
            long staffId = teacher.get(grade + (fullName.endsWith("1班") ? "语文" : "英语"));
            organization.setHeadTeacher(classId, staffId);
            head.put(classId, staffId);
        });

        LocalDate[] term = termAround(today);
        long termId = organization.addTerm(schoolId, termName(term[0]), term[0], term[1]);
        organization.setBellSchedule(schoolId, bells());

        int shift = 0;
        for (var entry : classes.entrySet()) {
            String grade = entry.getKey().substring(0, 3);
            long classId = entry.getValue();
            List<LessonSlot> slots = new ArrayList<>();
            int classShift = shift++ % 2; // class 2 of a grade runs the week shifted by one period
            for (var day : WEEK.entrySet()) {
                List<String> periods = day.getValue();
                for (int p = 0; p < periods.size(); p++) {
                    String subject = periods.get((p + classShift) % periods.size());
                    Long staffId = switch (subject) {
                        case "自习" -> null;
                        case "班会" -> head.get(classId);
                        default -> teacher.get(grade + subject);
                    };
                    // 体育 is on the sports ground, 信息技术 in the computer room: no classroom given would mean
                    // the home classroom, which is right for everything else
                    slots.add(new LessonSlot(day.getKey(), p + 1, subject, staffId, null));
                }
            }
            organization.setTimetable(termId, classId, slots);
        }

        // students: three per class; s1 and the children of p1/p2 sit in 七年级1班
        for (var entry : classes.entrySet()) {
            long classId = entry.getValue();
            int classNo = new ArrayList<>(classes.keySet()).indexOf(entry.getKey()) + 1;
            for (int i = 1; i <= 3; i++) {
                String studentNo = String.format("%d%02d%02d", number, classNo, i);
                boolean firstStudent = entry.getKey().equals("七年级1班") && i == 1;
                String studentName = firstStudent && number == 1 ? "张小明" : nextName();
                @Nullable Long studentUser = firstStudent && number == 1
                        ? user("s1", studentName, schoolId, BuiltInRole.STUDENT) : null;
                long studentId = organization.addStudent(classId, studentUser, studentNo, studentName);
                String parentName = studentName.charAt(0) + GIVEN[(nameCounter++) % GIVEN.length];
                @Nullable Long parentUser = null;
                if (firstStudent) {
                    parentName = number == 1 ? "张伟" : "刘丽";
                    parentUser = user("p" + number, parentName, schoolId, BuiltInRole.PARENT);
                }
                organization.addGuardian(parentUser, parentName, null, Map.of(studentId, i % 2 == 0 ? "母亲" : "父亲"));
            }
        }
        return schoolId;
    }

    static BellSchedule bells() {
        List<Period> regular = new ArrayList<>();
        String[] starts = { "08:00", "08:55", "10:00", "10:55", "14:00", "14:55", "16:00", "16:55" };
        for (int i = 0; i < starts.length; i++) {
            LocalTime start = LocalTime.parse(starts[i]);
            regular.add(new Period(i + 1, start, start.plusMinutes(45)));
        }
        List<Period> friday = new ArrayList<>();
        String[] fridayStarts = { "08:00", "08:50", "09:50", "10:40", "14:00", "14:50" };
        for (int i = 0; i < fridayStarts.length; i++) {
            LocalTime start = LocalTime.parse(fridayStarts[i]);
            friday.add(new Period(i + 1, start, start.plusMinutes(40)));
        }
        return new BellSchedule(List.of(
                new DayKind("常规", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), regular),
                new DayKind("周五", Set.of(DayOfWeek.FRIDAY), friday)));
    }

    /** The school term around {@code today}: autumn (Sep 1 – Jan 20), spring (Feb 15 – Jul 10), else a holiday term. */
    static LocalDate[] termAround(LocalDate today) {
        int year = today.getMonthValue() == 1 ? today.getYear() - 1 : today.getYear();
        LocalDate autumnStart = LocalDate.of(year, Month.SEPTEMBER, 1);
        LocalDate autumnEnd = LocalDate.of(year + 1, Month.JANUARY, 20);
        if (!today.isBefore(autumnStart) && !today.isAfter(autumnEnd)) {
            return new LocalDate[] { autumnStart, autumnEnd };
        }
        LocalDate springStart = LocalDate.of(today.getYear(), Month.FEBRUARY, 15);
        LocalDate springEnd = LocalDate.of(today.getYear(), Month.JULY, 10);
        if (!today.isBefore(springStart) && !today.isAfter(springEnd)) {
            return new LocalDate[] { springStart, springEnd };
        }
        return new LocalDate[] { today.minusDays(30), today.plusDays(120) };
    }

    private static String termName(LocalDate start) {
        return switch (start.getMonth()) {
            case SEPTEMBER -> start.getYear() + "-" + (start.getYear() + 1) + "学年第一学期";
            case FEBRUARY -> (start.getYear() - 1) + "-" + start.getYear() + "学年第二学期";
            default -> "演示学期";
        };
    }

    private String nextName() {
        int n = nameCounter++;
        return SURNAMES.charAt(n % SURNAMES.length()) + GIVEN[(n / SURNAMES.length() + n) % GIVEN.length];
    }

    /** The account {@code username} with the demo password and these roles, created unless it exists. */
    private long user(String username, String displayName, @Nullable Long schoolId, BuiltInRole... roles) {
        Set<String> codes = new LinkedHashSet<>();
        for (BuiltInRole role : roles) {
            codes.add(role.code());
        }
        var existing = accounts.findByUsername(username);
        if (existing.isPresent()) {
            long id = existing.get().id();
            accounts.assignRoles(id, codes, schoolId);
            accounts.setPassword(id, PASSWORD, false);
            return id;
        }
        return accounts.create(new UserAccounts.NewAccount(username, null, displayName, PASSWORD, schoolId, codes, false));
    }
}

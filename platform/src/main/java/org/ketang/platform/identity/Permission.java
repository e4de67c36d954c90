package org.ketang.platform.identity;

/**
 * What a user may do. Roles are sets of permissions; <em>where</em> they may do it is the scope
 * ({@link ScopeLevel} plus the user's school), checked separately by each module.
 * Stored by name, so new constants need no migration.
 */
public enum Permission {
    /** See schools, grades, classes, buildings, classrooms, subjects. */
    ORGANIZATION_VIEW("查看学校组织", "View schools and classes"),
    /** Create and change schools, grades, classes, buildings, classrooms, subjects, terms, bell schedules. */
    ORGANIZATION_MANAGE("管理学校组织", "Manage schools and classes"),
    /** See people (students, staff, parents) within scope. */
    PEOPLE_VIEW("查看人员", "View people"),
    /** Create, import and change people and their accounts within scope. */
    PEOPLE_MANAGE("管理人员与导入", "Manage and import people"),
    /** See timetables within scope. */
    TIMETABLE_VIEW("查看课表", "View timetables"),
    /** Import and edit timetables within scope. */
    TIMETABLE_MANAGE("管理课表", "Manage timetables"),
    /** Define custom roles and assign roles. */
    ROLES_MANAGE("管理角色权限", "Manage roles and permissions"),
    /** Read the audit log within scope. */
    AUDIT_VIEW("查看审计日志", "View the audit log"),

    /** Watch lessons in the library and live classes within scope and visibility. */
    LESSON_VIEW("观看课例与直播", "Watch lessons and live classes"),
    /** Upload and record lessons. */
    LESSON_UPLOAD("上传与录制课例", "Upload and record lessons"),
    /** Edit, classify, publish and delete any lesson within scope. */
    LESSON_MANAGE("管理课例", "Manage lessons"),

    /** See devices (recorders, displays) and their state. */
    DEVICE_VIEW("查看设备", "View devices"),
    /** Power, configure and command devices. */
    DEVICE_CONTROL("控制设备", "Control devices"),
    /** Patrol classrooms live (督导巡课). */
    PATROL("督导巡课", "Patrol classrooms"),
    /** Observe and comment on lessons (教研听课, 网络评课). */
    OBSERVE("教研听课", "Observe lessons"),
    /** Define the rubrics (评价量表) that observation and contests score with, and researchers' subjects. */
    RUBRIC_MANAGE("管理评价量表", "Manage rubrics"),

    /** Manage classroom signage content and schedules (微媒体发布). */
    SIGNAGE_MANAGE("管理微媒体发布", "Manage classroom signage"),

    /** Send notices, assign homework, enter scores (家校通, staff side). */
    HOMESCHOOL_TEACH("家校通（教师）", "Home-school (staff)"),
    /** Use the home-school app as a parent or student. */
    HOMESCHOOL_USE("家校通（家长/学生）", "Home-school (parents, students)"),
    /** Approve leave requests for one's classes. */
    LEAVE_APPROVE("审批请假", "Approve leave requests"),

    /** Organise lesson contests (优课评选). */
    CONTEST_MANAGE("组织优课评选", "Organise lesson contests"),
    /** Judge contest entries. */
    CONTEST_JUDGE("评审优课", "Judge lesson contests"),

    /** Act as a classroom device (recorder agent or display). Never granted to people. */
    DEVICE_AGENT("设备身份", "Act as a device");

    private final String nameZh;
    private final String nameEn;

    Permission(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }
}

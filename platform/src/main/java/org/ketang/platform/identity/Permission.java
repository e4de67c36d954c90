package org.ketang.platform.identity;

/**
 * What a user may do. Roles are sets of permissions; <em>where</em> they may do it is the scope
 * ({@link ScopeLevel} plus the user's school), checked separately by each module.
 * Stored by name, so new constants need no migration.
 */
public enum Permission {
    /** See schools, grades, classes, buildings, classrooms, subjects. */
    ORGANIZATION_VIEW,
    /** Create and change schools, grades, classes, buildings, classrooms, subjects, terms, bell schedules. */
    ORGANIZATION_MANAGE,
    /** See people (students, staff, parents) within scope. */
    PEOPLE_VIEW,
    /** Create, import and change people and their accounts within scope. */
    PEOPLE_MANAGE,
    /** See timetables within scope. */
    TIMETABLE_VIEW,
    /** Import and edit timetables within scope. */
    TIMETABLE_MANAGE,
    /** Define custom roles and assign roles. */
    ROLES_MANAGE,
    /** Read the audit log within scope. */
    AUDIT_VIEW,

    /** Watch lessons in the library and live classes within scope and visibility. */
    LESSON_VIEW,
    /** Upload and record lessons. */
    LESSON_UPLOAD,
    /** Edit, classify, publish and delete any lesson within scope. */
    LESSON_MANAGE,

    /** See devices (recorders, displays) and their state. */
    DEVICE_VIEW,
    /** Power, configure and command devices. */
    DEVICE_CONTROL,
    /** Patrol classrooms live (督导巡课). */
    PATROL,
    /** Observe and comment on lessons (教研听课, 网络评课). */
    OBSERVE,

    /** Manage classroom signage content and schedules (微媒体发布). */
    SIGNAGE_MANAGE,

    /** Send notices, assign homework, enter scores (家校通, staff side). */
    HOMESCHOOL_TEACH,
    /** Use the home-school app as a parent or student. */
    HOMESCHOOL_USE,
    /** Approve leave requests for one's classes. */
    LEAVE_APPROVE,

    /** Organise lesson contests (优课评选). */
    CONTEST_MANAGE,
    /** Judge contest entries. */
    CONTEST_JUDGE,

    /** Act as a classroom device (recorder agent or display). Never granted to people. */
    DEVICE_AGENT
}

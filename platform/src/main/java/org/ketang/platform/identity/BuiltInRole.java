package org.ketang.platform.identity;

import static org.ketang.platform.identity.Permission.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * The roles every Ketang installation has. Their permissions are fixed in code; admins add custom
 * roles on top (stored in the database) from the same {@link Permission} list.
 */
public enum BuiltInRole {
    DISTRICT_ADMIN("区管理员", "District admin", ScopeLevel.DISTRICT, EnumSet.complementOf(EnumSet.of(DEVICE_AGENT))),
    SCHOOL_ADMIN("学校管理员", "School admin", ScopeLevel.SCHOOL, EnumSet.of(ORGANIZATION_VIEW, ORGANIZATION_MANAGE,
            PEOPLE_VIEW, PEOPLE_MANAGE, TIMETABLE_VIEW, TIMETABLE_MANAGE, AUDIT_VIEW, LESSON_VIEW, LESSON_UPLOAD,
            LESSON_MANAGE, DEVICE_VIEW, DEVICE_CONTROL, PATROL, SIGNAGE_MANAGE, HOMESCHOOL_TEACH, CONTEST_MANAGE)),
    PRINCIPAL("校长", "Principal", ScopeLevel.SCHOOL, EnumSet.of(ORGANIZATION_VIEW, PEOPLE_VIEW, TIMETABLE_VIEW,
            AUDIT_VIEW, LESSON_VIEW, LESSON_UPLOAD, DEVICE_VIEW, PATROL, OBSERVE, HOMESCHOOL_TEACH, CONTEST_MANAGE)),
    TEACHER("教师", "Teacher", ScopeLevel.CLASSES, EnumSet.of(ORGANIZATION_VIEW, PEOPLE_VIEW, TIMETABLE_VIEW,
            LESSON_VIEW, LESSON_UPLOAD, HOMESCHOOL_TEACH)),
    HEAD_TEACHER("班主任", "Head teacher", ScopeLevel.CLASSES, EnumSet.of(ORGANIZATION_VIEW, PEOPLE_VIEW,
            TIMETABLE_VIEW, LESSON_VIEW, LESSON_UPLOAD, HOMESCHOOL_TEACH, LEAVE_APPROVE)),
    RESEARCHER("教研员", "Researcher", ScopeLevel.DISTRICT, EnumSet.of(ORGANIZATION_VIEW, TIMETABLE_VIEW,
            LESSON_VIEW, OBSERVE, CONTEST_JUDGE)),
    SUPERVISOR("督导", "Supervisor", ScopeLevel.DISTRICT, EnumSet.of(ORGANIZATION_VIEW, TIMETABLE_VIEW,
            LESSON_VIEW, DEVICE_VIEW, PATROL)),
    /** A contest judge (评委), given on top of a person's own role: judges score the entries assigned to them. */
    JUDGE("评委", "Contest judge", ScopeLevel.SELF, EnumSet.of(LESSON_VIEW, CONTEST_JUDGE)),
    STUDENT("学生", "Student", ScopeLevel.SELF, EnumSet.of(TIMETABLE_VIEW, LESSON_VIEW, HOMESCHOOL_USE)),
    PARENT("家长", "Parent", ScopeLevel.CHILDREN, EnumSet.of(HOMESCHOOL_USE)),
    DEVICE("设备", "Device", ScopeLevel.DEVICE, EnumSet.of(DEVICE_AGENT, LESSON_UPLOAD));

    private final String nameZh;
    private final String nameEn;
    private final ScopeLevel scope;
    private final Set<Permission> permissions;

    BuiltInRole(String nameZh, String nameEn, ScopeLevel scope, Set<Permission> permissions) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.scope = scope;
        this.permissions = Set.copyOf(permissions);
    }

    /** The role's code as stored and sent over the API, e.g. {@code TEACHER}. */
    public String code() {
        return name();
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    public ScopeLevel scope() {
        return scope;
    }

    public Set<Permission> permissions() {
        return permissions;
    }
}

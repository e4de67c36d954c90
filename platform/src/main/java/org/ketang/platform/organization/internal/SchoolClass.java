package org.ketang.platform.organization.internal;

import org.jspecify.annotations.Nullable;

/** A class (班级) of a grade; its full name joins grade and class name, e.g. 七年级 + 1班 = 七年级1班. */
public record SchoolClass(long id, long schoolId, long gradeId, String gradeName, int gradeLevel, String name,
        @Nullable Long headTeacherId, @Nullable String headTeacherName, int studentCount) {

    public String fullName() {
        return fullName(gradeName, name);
    }

    /** The full name of class {@code name} in grade {@code gradeName}; a class named with its grade keeps its name. */
    public static String fullName(String gradeName, String name) {
        return name.startsWith(gradeName) ? name : gradeName + name;
    }
}

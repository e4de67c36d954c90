package org.ketang.platform.organization.internal;

import org.jspecify.annotations.Nullable;

/** A student in a class, linked to an account by {@code userId}. */
public record Student(long id, long schoolId, long classId, String classFullName, @Nullable Long userId,
        String studentNo, String name) {
}

package org.ketang.platform.organization.internal;

import org.jspecify.annotations.Nullable;

/** A parent or other guardian of a student, as listed with the student. */
public record Guardian(long guardianId, long studentId, @Nullable Long userId, String name, @Nullable String phone,
        String relation) {
}

package org.ketang.platform.organization.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A member of staff of a school, linked to an account by {@code userId}, with the subjects they teach. */
public record Staff(long id, long schoolId, @Nullable Long userId, String name, @Nullable String phone,
        List<String> subjects) {
}

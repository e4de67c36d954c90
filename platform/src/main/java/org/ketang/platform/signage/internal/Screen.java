package org.ketang.platform.signage.internal;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What targeting knows about one display: its device, classroom and school, the grade and class of the classroom's
 * home class (null for rooms without one) and the tags and groups an admin gave it.
 */
public record Screen(long deviceId, long classroomId, long schoolId, @Nullable Long gradeId, @Nullable Long classId,
        Set<String> tags) {

    public Screen {
        tags = Set.copyOf(tags);
    }
}

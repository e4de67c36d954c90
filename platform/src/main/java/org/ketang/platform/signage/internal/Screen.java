package org.ketang.platform.signage.internal;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What targeting knows about one display: its device, classroom and school, the grade and class of the classroom's
 * home class (null for rooms without one), the tags an admin gave it and the display groups it is in.
 */
public record Screen(long deviceId, long classroomId, long schoolId, @Nullable Long gradeId, @Nullable Long classId,
        Set<String> tags, Set<Long> groups) {

    public Screen {
        tags = Set.copyOf(tags);
        groups = Set.copyOf(groups);
    }

    /** A screen in no display group. */
    public Screen(long deviceId, long classroomId, long schoolId, @Nullable Long gradeId, @Nullable Long classId,
            Set<String> tags) {
        this(deviceId, classroomId, schoolId, gradeId, classId, tags, Set.of());
    }
}

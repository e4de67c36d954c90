package org.ketang.platform.organization.internal;

import org.jspecify.annotations.Nullable;

/** A classroom (教室); recording classrooms (录播教室) have capture equipment; the home class shows on its display. */
public record Classroom(long id, long schoolId, long buildingId, String buildingName, String name, boolean recording,
        @Nullable Long homeClassId, @Nullable String homeClassFullName) {
}

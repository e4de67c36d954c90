package org.ketang.platform.signage.internal;

import java.util.Set;

/** A named set of a school's displays (e.g. 一楼大厅, 初三教室) that schedules and pushes can target as {@code group:<id>}. */
public record DisplayGroup(long id, long schoolId, String name, Set<Long> deviceIds) {

    public DisplayGroup {
        deviceIds = Set.copyOf(deviceIds);
    }
}

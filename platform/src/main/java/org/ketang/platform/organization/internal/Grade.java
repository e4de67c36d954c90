package org.ketang.platform.organization.internal;

/** A grade (年级) of a school, e.g. 七年级 with level 7. */
public record Grade(long id, long schoolId, String name, int level) {
}

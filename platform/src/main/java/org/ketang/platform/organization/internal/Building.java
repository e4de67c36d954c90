package org.ketang.platform.organization.internal;

/** A building of a school. */
public record Building(long id, long schoolId, String name) {
}

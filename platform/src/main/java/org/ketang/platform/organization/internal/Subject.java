package org.ketang.platform.organization.internal;

/** A subject taught (学科), seeded by migration with a stable code. */
public record Subject(long id, String code, String name, String nameEn) {
}

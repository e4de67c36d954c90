package org.ketang.platform.organization.internal;

/** A school of the district. */
public record School(long id, String name, String code) {
}

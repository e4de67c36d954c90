package org.ketang.platform.identity;

/**
 * How far a role reaches. DISTRICT and SCHOOL reach everything in the user's school, or the whole
 * district when the user belongs to no school; the narrower levels are resolved by the organization
 * module from the timetable, head-teacher assignments and guardian links.
 */
public enum ScopeLevel {
    /** The whole district (when the user has no school) — district admin, supervisor, researcher. */
    DISTRICT,
    /** Everything in the user's school. */
    SCHOOL,
    /** The classes the user teaches or heads. */
    CLASSES,
    /** The user's own children. */
    CHILDREN,
    /** Only the user themself. */
    SELF,
    /** A classroom device: only its own classroom. */
    DEVICE;

    /** Whether this level reaches a whole school (or the district). */
    public boolean isInstitutional() {
        return this == DISTRICT || this == SCHOOL;
    }
}

package org.ketang.platform.library;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;

/**
 * Who may watch a lesson. PRIVATE: its teacher, its uploader and the school's lesson managers; SCHOOL: also
 * people of the school with LESSON_VIEW (staff, students) and district-wide staff; DISTRICT: everyone with
 * LESSON_VIEW; PUBLIC: everyone signed in (parents included).
 */
public enum Visibility {
    PRIVATE, SCHOOL, DISTRICT, PUBLIC;

    /**
     * Whether {@code actor} — neither the owner nor a manager, who see everything of theirs — sees something of
     * {@code school} with this visibility. The live module asks the same of a live class (SCHOOL, or PUBLIC for an
     * open class).
     */
    public boolean admits(Actor actor, long school) {
        return admits(actor.can(Permission.LESSON_VIEW), actor.isDistrictWide(), actor.schoolId(), school);
    }

    /** {@link #admits(Actor, long)} from its parts: may watch lessons at all, reaches every school, own school. */
    public boolean admits(boolean canView, boolean districtStaff, @Nullable Long viewerSchool, long school) {
        return switch (this) {
            case PUBLIC -> true;
            case DISTRICT -> canView;
            case SCHOOL -> canView && (districtStaff || (viewerSchool != null && viewerSchool == school));
            case PRIVATE -> false;
        };
    }
}

package org.ketang.platform.library.internal;

import org.ketang.platform.organization.Directory;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.library.Visibility;

/**
 * The visibility rules of the library for one actor, in three forms that must agree: a check on one
 * {@link Lesson}, a SQL predicate for lists and (in {@link LessonIndex}) a Lucene filter for search.
 *
 * <ul>
 * <li>its teacher and its uploader always see a lesson, whatever its status or visibility;</li>
 * <li>lesson managers (LESSON_MANAGE) see every lesson of the schools they reach whole (district-wide ones: all);</li>
 * <li>everyone else sees only PLAYABLE/READY lessons: PUBLIC ones always (parents included), DISTRICT ones with
 * LESSON_VIEW, SCHOOL ones with LESSON_VIEW when the lesson is of their own school (or they are district-wide
 * staff); PRIVATE ones never.</li>
 * </ul>
 *
 * @param managesAll     district-wide lesson manager
 * @param managedSchool  the one school whose lessons the actor manages, if any
 * @param districtStaff  reaches every school (district admin, researcher, supervisor)
 */
public record Viewer(long userId, @Nullable Long schoolId, boolean canView, boolean managesAll,
        @Nullable Long managedSchool, boolean districtStaff) {

    public static Viewer of(Actor actor) {
        boolean manage = actor.can(Permission.LESSON_MANAGE);
        boolean district = actor.isDistrictWide();
        Long managed = manage && !district && actor.schoolId() != null && actor.reachesWholeSchool(actor.schoolId())
                ? actor.schoolId() : null;
        return new Viewer(actor.userId(), actor.schoolId(), actor.can(Permission.LESSON_VIEW), manage && district,
                managed, district);
    }

    public boolean manages(long school) {
        return managesAll || (managedSchool != null && managedSchool == school);
    }

    /** Whether the lesson exists for this actor at all (otherwise: 404). */
    public boolean sees(Lesson lesson) {
        if (lesson.deleted()) {
            return false;
        }
        if (lesson.ownedBy(userId) || manages(lesson.schoolId())) {
            return true;
        }
        return lesson.status().watchable() && seesVisibility(lesson.visibility(), lesson.schoolId());
    }

    boolean seesVisibility(Visibility visibility, long school) {
        return visibility.admits(canView, districtStaff, schoolId, school);
    }

    /** Whether the actor may change (edit, delete) the lesson: its teacher, its uploader or a manager of its school. */
    public boolean edits(Lesson lesson) {
        return lesson.ownedBy(userId) || manages(lesson.schoolId());
    }

    /** Whether a viewer may download the lesson's file: owners and managers, or LESSON_VIEW on a downloadable lesson. */
    public boolean downloads(Lesson lesson) {
        return edits(lesson) || (lesson.downloadable() && canView);
    }

    /**
     * A SQL predicate on {@code lib_lesson l} equal to {@link #sees}, restricted to lessons a browser lists:
     * watchable ones, plus the actor's own unfinished lessons. Its parameters go into {@code params}.
     */
    public String listable(Map<String, Object> params) {
        params.put("viewerId", userId);
        StringBuilder seen = new StringBuilder("l.visibility = 'PUBLIC'");
        if (canView) {
            seen.append(" or l.visibility = 'DISTRICT'");
            if (districtStaff) {
                seen.append(" or l.visibility = 'SCHOOL'");
            } else if (schoolId != null) {
                seen.append(" or (l.visibility = 'SCHOOL' and l.school_id = :viewerSchool)");
                params.put("viewerSchool", schoolId);
            }
        }
        String managed = managesAll ? " or l.visibility = 'PRIVATE'" : "";
        if (managedSchool != null) {
            managed = " or l.school_id = :managedSchool";
            params.put("managedSchool", managedSchool);
        }
        return "(l.deleted_at is null and (l.teacher_user_id = :viewerId or l.uploader_user_id = :viewerId"
                + " or (l.status in ('PLAYABLE', 'READY') and (" + seen + managed + "))))";
    }

    static Map<String, Object> params() {
        return new HashMap<>();
    }

    static Set<String> watchableStatuses() {
        return Set.of("PLAYABLE", "READY");
    }
}

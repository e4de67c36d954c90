package org.ketang.platform.observation.internal;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.observation.ResearcherSubjects;
import org.springframework.stereotype.Component;

/**
 * Who may observe what. Reading an observed lesson's comments and scores needs OBSERVE over its school (district
 * staff reach every school, school staff their own). Commenting and scoring need that too, and a researcher (教研员)
 * only comments on lessons of the subjects assigned to them; a lesson without a subject on the timetable (an extra
 * open class) is open to every researcher.
 */
@Component
public class Observers {

    private final ResearcherSubjects subjects;

    Observers(ResearcherSubjects subjects) {
        this.subjects = subjects;
    }

    public boolean reads(Actor actor, long schoolId) {
        return actor.can(Permission.OBSERVE) && (actor.isDistrictWide()
                || (actor.schoolId() != null && actor.schoolId() == schoolId && actor.reachesWholeSchool(schoolId)));
    }

    public boolean comments(Actor actor, long schoolId, @Nullable Long subjectId) {
        if (!reads(actor, schoolId)) {
            return false;
        }
        return !limitedBySubject(actor) || subjectId == null || subjects.of(actor.userId()).contains(subjectId);
    }

    /** Researchers are; someone who is also a district admin is not. */
    static boolean limitedBySubject(Actor actor) {
        return actor.hasRole(BuiltInRole.RESEARCHER) && !actor.hasRole(BuiltInRole.DISTRICT_ADMIN);
    }
}

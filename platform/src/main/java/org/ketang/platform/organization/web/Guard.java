package org.ketang.platform.organization.web;

import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.organization.Reach;

/** The reach checks of organization endpoints, after {@code actor.require(permission)}: 404 never reveals existence. */
final class Guard {

    private Guard() {
    }

    /** For changes to a school: the actor must reach all of it; a school they cannot see at all is a 404. */
    static void manages(Reach.Visible visible, long schoolId) {
        if (!visible.school(schoolId)) {
            throw ApiProblem.notFound("学校", "School");
        }
        if (!visible.wholeSchool(schoolId)) {
            throw ApiProblem.forbidden();
        }
    }

    static void sees(Reach.Visible visible, long schoolId) {
        if (!visible.school(schoolId)) {
            throw ApiProblem.notFound("学校", "School");
        }
    }
}

package org.ketang.platform.organization.web;

import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.Reach;

/** The checks every organization endpoint makes: permission (403), then reach (404, never revealing existence). */
final class Guard {

    private Guard() {
    }

    static void require(Actor actor, Permission permission) {
        if (!actor.can(permission)) {
            throw ApiProblem.forbidden();
        }
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

package org.ketang.platform.homeschool.internal;

import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.Directory;
import org.ketang.platform.organization.Reach;
import org.springframework.stereotype.Component;

/**
 * The two ways the home-school app meets a class: as one of its teachers (HOMESCHOOL_TEACH and seeing its students:
 * teaching it this term, heading it, or whole-school staff) or as a family (HOMESCHOOL_USE and the student is the
 * caller or their child). Homework, scores and learning ask the same questions here.
 */
@Component
class ClassRoles {

    private final Directory directory;
    private final Reach reach;

    ClassRoles(Directory directory, Reach reach) {
        this.directory = directory;
        this.reach = reach;
    }

    boolean teaches(Actor actor, long classId) {
        return actor.can(Permission.HOMESCHOOL_TEACH)
                && directory.schoolClass(classId).map(c -> reach.of(actor).studentsOf(classId, c.schoolId())).orElse(false);
    }

    /** 403 without HOMESCHOOL_TEACH, 404 for a class the actor does not teach. */
    void requireTeacherOf(Actor actor, long classId) {
        actor.require(Permission.HOMESCHOOL_TEACH);
        if (!teaches(actor, classId)) {
            throw ApiProblem.notFound("班级", "Class");
        }
    }

    /** The class of the caller's child (or of the caller as a student); 403 without HOMESCHOOL_USE, 404 for any other student. */
    long familyClassOf(Actor actor, long studentId) {
        actor.require(Permission.HOMESCHOOL_USE);
        if (!reach.of(actor).students().contains(studentId)) {
            throw ApiProblem.notFound("学生", "Student");
        }
        return directory.student(studentId).orElseThrow(() -> ApiProblem.notFound("学生", "Student")).classId();
    }
}

package org.ketang.platform.library.internal;

import org.ketang.platform.identity.Actor;
import org.ketang.platform.library.LessonIntake;
import org.ketang.platform.media.AssetAccess;
import org.springframework.stereotype.Component;

/**
 * Media asks the library about a lesson's asset: its teacher and uploader follow the processing, a lesson manager
 * of its school may also cancel and retry it, and nobody else learns it exists.
 */
@Component
class LessonAssetAccess implements AssetAccess {

    private final Lessons lessons;

    LessonAssetAccess(Lessons lessons) {
        this.lessons = lessons;
    }

    @Override
    public Access of(Actor actor, String ownerRef) {
        long lessonId = LessonIntake.lessonIdOf(ownerRef);
        if (lessonId < 0) {
            return Access.NONE;
        }
        Viewer viewer = Viewer.of(actor);
        return lessons.find(lessonId).filter(l -> !l.deleted()).map(lesson -> {
            if (viewer.manages(lesson.schoolId())) {
                return Access.MANAGE;
            }
            return viewer.edits(lesson) ? Access.FOLLOW : Access.NONE;
        }).orElse(Access.NONE);
    }
}

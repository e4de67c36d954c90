package org.ketang.platform.library.internal;

import java.util.Optional;

import org.ketang.platform.identity.Actor;
import org.ketang.platform.library.WatchedLessons;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link WatchedLessons} over the library's lessons and its {@link Viewer} rule. */
@Component
@Transactional(readOnly = true)
class LessonFacts implements WatchedLessons {

    private final Lessons lessons;

    LessonFacts(Lessons lessons) {
        this.lessons = lessons;
    }

    @Override
    public Optional<Facts> seenBy(Actor actor, long lessonId) {
        Viewer viewer = Viewer.of(actor);
        return lessons.find(lessonId).filter(viewer::sees).map(LessonFacts::facts);
    }

    @Override
    public Optional<Facts> find(long lessonId) {
        return lessons.find(lessonId).filter(l -> !l.deleted()).map(LessonFacts::facts);
    }

    private static Facts facts(Lesson l) {
        Lesson.Classification c = l.classification();
        return new Facts(l.id(), l.title(), c.schoolId(), c.schoolName(), l.classroomId(), l.recordingStartedAt(),
                c.gradeName(), c.className(), c.subjectId(), c.subjectName(), c.teacherStaffId(), c.teacherName(),
                c.recordedOn(), c.periodNo(), l.durationSeconds());
    }
}

package org.ketang.platform.live.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.library.LessonRecorded;
import org.ketang.platform.library.RecordedLessons;
import org.ketang.platform.live.LiveRecorded;
import org.ketang.platform.live.internal.LiveSessions.Session;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links a live session to the library lesson made from the recording of the same classroom and time. The recorder
 * records whenever it is live, so the session's lesson is the recording that started last between
 * {@code ketang.live.link-lead} before the session and its end (a teacher may record first and go live later). The
 * lesson usually appears after the session ended, when the upload is in ({@link LessonRecorded}); whatever the order,
 * the session ends up with that lesson. An open-class session makes its lesson PUBLIC.
 */
@Component
@Transactional
public class LessonLinks {

    private final LiveSessions sessions;
    private final RecordedLessons lessons;
    private final LiveSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    LessonLinks(LiveSessions sessions, RecordedLessons lessons, LiveSettings settings, ApplicationEventPublisher events) {
        this.sessions = sessions;
        this.lessons = lessons;
        this.settings = settings;
        this.events = events;
    }

    /** Links the session to its lesson, or to a better one that appeared since; answers the lesson. */
    public @Nullable Long link(Session session) {
        Instant end = session.endedAt() != null ? session.endedAt() : clock.instant();
        Long current = session.lessonId();
        RecordedLessons.Recorded recorded = lessons
                .latestIn(session.classroomId(), session.startedAt().minus(settings.linkLead()), end).orElse(null);
        if (recorded == null) {
            return current;
        }
        long best = recorded.lessonId();
        if ((current != null && current == best) || !sessions.link(session.id(), current, best)) {
            return current;
        }
        events.publishEvent(new LiveRecorded(session.id(), session.classroomId(), best, session.startedAt(),
                recorded.startedAt()));
        if (session.openClass()) {
            lessons.markOpenClass(best, true);
            if (current != null && !sessions.anyOpenClassLinkedTo(current)) {
                lessons.markOpenClass(current, false);
            }
        }
        return best;
    }

    @ApplicationModuleListener
    void on(LessonRecorded lesson) {
        Instant started = lesson.startedAt();
        for (Session session : sessions.around(lesson.classroomId(), started, started.plus(settings.linkLead()))) {
            link(Objects.requireNonNull(session));
        }
    }
}

package org.ketang.platform.live.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.live.internal.LiveSessions.Session;
import org.ketang.platform.organization.Directory;
import org.ketang.platform.organization.Happening;
import org.ketang.platform.organization.Timetables;
import org.springframework.stereotype.Component;

/**
 * The live channels people see: one per recording classroom, in state LIVE (its playlist keeps coming), ENDED (its
 * last session is over; it links to the lesson made from it) or IDLE (never live), with what the timetable says is
 * taught there. A channel out of the viewer's {@link Audience} does not exist for them.
 */
@Component
public class Channels {

    /** Where a channel is. */
    public enum State {
        LIVE, ENDED, IDLE
    }

    /**
     * A channel as one viewer sees it.
     *
     * @param session   the current or latest session
     * @param openClass LIVE: the session is an open class; otherwise: the last one was, or the next one will be
     * @param lessonId  the lesson an ENDED session became, once it exists
     */
    public record Channel(Directory.ClassroomInfo room, String schoolName, State state, @Nullable Session session,
            boolean openClass, @Nullable Happening happening, @Nullable Long lessonId, boolean manageable) {
    }

    private final LiveSessions sessions;
    private final LessonLinks links;
    private final Directory directory;
    private final Timetables timetables;
    private final LiveSettings settings;
    private final Clock clock = Clock.systemUTC();

    Channels(LiveSessions sessions, LessonLinks links, Directory directory, Timetables timetables,
            LiveSettings settings) {
        this.sessions = sessions;
        this.links = links;
        this.directory = directory;
        this.timetables = timetables;
        this.settings = settings;
    }

    /** The channel of a recording classroom, when the actor may see it. */
    public Optional<Channel> visibleTo(Actor actor, long classroomId) {
        Instant now = clock.instant();
        Optional<Directory.ClassroomInfo> room = directory.classroom(classroomId).filter(Directory.ClassroomInfo::recording);
        if (room.isEmpty()) {
            return Optional.empty();
        }
        Optional<Session> latest = sessions.latestIn(classroomId);
        State state = latest.map(s -> s.liveAt(now, settings.staleAfter()) ? State.LIVE : State.ENDED).orElse(State.IDLE);
        boolean openClass = state == State.LIVE ? latest.get().openClass()
                : latest.map(Session::openClass).orElse(false) || sessions.channelOpenClass(classroomId);
        if (!Audience.sees(actor, room.get().schoolId(), openClass)) {
            return Optional.empty();
        }
        return Optional.of(channel(actor, room.get(), state, latest.orElse(null), openClass, now));
    }

    /** The channels live now that the actor may see, by school and classroom. */
    public List<Channel> liveFor(Actor actor) {
        Instant now = clock.instant();
        List<Channel> live = new ArrayList<>();
        for (Session session : sessions.open()) {
            if (!session.liveAt(now, settings.staleAfter()) || !Audience.sees(actor, session.schoolId(), session.openClass())) {
                continue;
            }
            directory.classroom(session.classroomId()).ifPresent(room -> live.add(
                    channel(actor, room, State.LIVE, session, session.openClass(), now)));
        }
        return live;
    }

    private Channel channel(Actor actor, Directory.ClassroomInfo room, State state, @Nullable Session session,
            boolean openClass, Instant now) {
        return new Channel(room, directory.schoolName(room.schoolId()), state, session, openClass,
                happening(room.classroomId(), state, session, now), lessonOf(state, session),
                Audience.manages(actor, room.schoolId()));
    }

    /** Now for a live channel; the middle of the session for an ended one (it may have begun before the bell). */
    private @Nullable Happening happening(long classroomId, State state, @Nullable Session session, Instant now) {
        Instant at = now;
        if (state == State.ENDED && session != null) {
            Instant end = session.endedAt() != null ? session.endedAt() : session.lastSeenAt();
            at = session.startedAt().plus(Duration.between(session.startedAt(), end).dividedBy(2));
        }
        return state == State.IDLE ? timetables.whatIsHappening(classroomId, now).orElse(null)
                : timetables.whatIsHappening(classroomId, at).orElse(null);
    }

    private @Nullable Long lessonOf(State state, @Nullable Session session) {
        if (state != State.ENDED || session == null) {
            return null;
        }
        return session.lessonId() != null || session.endedAt() == null ? session.lessonId() : links.link(session);
    }
}

package org.ketang.platform.live.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.audit.AuditTrail;
import org.ketang.platform.devices.Device;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.library.RecordedLessons;
import org.ketang.platform.live.LiveEnded;
import org.ketang.platform.live.LiveStarted;
import org.ketang.platform.live.internal.LiveSessions.Session;
import org.ketang.platform.live.internal.LiveSessions.Via;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The life of live sessions: the first playlist of a classroom opens one ({@link LiveStarted}); when playlists stop
 * coming for {@code ketang.live.stale-after}, the sweep ends it ({@link LiveEnded}), removes its files and links it
 * to the lesson its recording became. Sessions published to a media server open and end with its hooks instead.
 */
@Service
public class Broadcasts {

    private static final Logger log = LoggerFactory.getLogger(Broadcasts.class);

    private final LiveSessions sessions;
    private final ChannelFiles files;
    private final LessonLinks links;
    private final RecordedLessons lessons;
    private final LiveSettings settings;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock = Clock.systemUTC();

    Broadcasts(LiveSessions sessions, ChannelFiles files, LessonLinks links, RecordedLessons lessons,
            LiveSettings settings, AuditTrail audit, ApplicationEventPublisher events,
            PlatformTransactionManager transactions) {
        this.sessions = sessions;
        this.files = files;
        this.links = links;
        this.lessons = lessons;
        this.settings = settings;
        this.audit = audit;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** A playlist from the classroom's recorder (or a media server letting it publish) at {@code now}. */
    public Session heard(Device device, Via via, Instant now) {
        Optional<Session> open = sessions.openIn(device.classroomId());
        if (open.isPresent() && open.get().liveAt(now, settings.staleAfter())) {
            sessions.seen(open.get().id(), now);
            return open.get();
        }
        // a session silent for longer than the stale timeout has ended, even when the sweep has not run yet
        open.ifPresent(stale -> end(stale, stale.lastSeenAt()));
        sessions.ensureChannel(device.classroomId(), device.schoolId());
        return Objects.requireNonNull(transaction.execute(status -> {
            boolean openClass = sessions.lockChannel(device.classroomId());
            Optional<Session> opened = sessions.openIn(device.classroomId());
            if (opened.isPresent()) { // another request opened it while this one waited for the lock
                sessions.seen(opened.get().id(), now);
                return opened.get();
            }
            long id = sessions.insert(device.classroomId(), device.schoolId(), device.id(), via, now, openClass);
            events.publishEvent(new LiveStarted(id, device.classroomId(), device.schoolId(), device.id(), now,
                    openClass));
            log.info("Live: classroom {} went live (session {}, {})", device.classroomId(), id, via);
            return sessions.find(id).orElseThrow();
        }));
    }

    /** The media server says the classroom's publisher left. */
    public void unpublished(long classroomId, Instant now) {
        sessions.openIn(classroomId).filter(s -> s.via() == Via.MEDIA_SERVER).ifPresent(s -> end(s, now));
    }

    @Scheduled(initialDelayString = "${ketang.live.sweep-interval:1s}", fixedDelayString = "${ketang.live.sweep-interval:1s}")
    void sweep() {
        sweep(clock.instant());
    }

    /**
     * Ends sessions whose playlist stopped coming, prunes the segments of the others and clears used-up open-class
     * marks, as of {@code now}.
     *
     * @return how many sessions ended
     */
    public int sweep(Instant now) {
        int ended = 0;
        for (Session session : sessions.open()) {
            if (session.via() != Via.PLATFORM) {
                continue;
            }
            if (session.liveAt(now, settings.staleAfter())) {
                files.prune(session.classroomId(), now, settings.pruneGrace());
            } else if (end(session, session.lastSeenAt())) {
                ended++;
            }
        }
        sessions.clearUsedMarks(now.minus(settings.openClassLinger()), now);
        return ended;
    }

    private boolean end(Session session, Instant endedAt) {
        boolean ended = Boolean.TRUE.equals(transaction.execute(status -> {
            if (!sessions.end(session.id(), endedAt)) {
                return false;
            }
            events.publishEvent(new LiveEnded(session.id(), session.classroomId(), session.schoolId(),
                    session.deviceId(), session.startedAt(), endedAt, session.openClass()));
            return true;
        }));
        if (ended) {
            log.info("Live: classroom {} ended (session {})", session.classroomId(), session.id());
            if (session.via() == Via.PLATFORM) {
                files.clear(session.classroomId(), session.lastSeenAt());
            }
            sessions.find(session.id()).ifPresent(links::link);
        }
        return ended;
    }

    /**
     * Marks the classroom's channel as an open class (公开课) or not: the current broadcast (and its lesson, once
     * linked) and, until a broadcast has used it, the next one. Audited.
     */
    public void markOpenClass(Actor actor, long classroomId, long schoolId, String target, boolean open,
            @Nullable String ip) {
        sessions.ensureChannel(classroomId, schoolId);
        transaction.executeWithoutResult(status -> {
            sessions.lockChannel(classroomId);
            sessions.markChannel(classroomId, open, actor.userId(), clock.instant());
            sessions.openIn(classroomId).ifPresent(session -> {
                sessions.openClass(session.id(), open);
                if (session.lessonId() != null) {
                    lessons.markOpenClass(session.lessonId(), open);
                }
            });
            audit.record(new AuditTrail.Entry(actor.userId(), actor.username(),
                    open ? "live.open-class-on" : "live.open-class-off", target, null, AuditTrail.Outcome.SUCCESS,
                    schoolId, ip));
        });
    }
}

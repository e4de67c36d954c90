package org.ketang.platform.library.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.ketang.platform.library.LibrarySettings;
import org.ketang.platform.organization.OrganizationSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What viewers do with lessons: favourites, where they left off, and counted views (one per viewer and lesson
 * within the view window, 30 minutes by default; watch time adds up on the current view).
 */
@Service
@Transactional
public class Watching {

    private final JdbcClient jdbc;
    private final Lessons lessons;
    private final LibrarySettings settings;
    private final OrganizationSettings organization;
    private final Clock clock = Clock.systemUTC();

    Watching(JdbcClient jdbc, Lessons lessons, LibrarySettings settings, OrganizationSettings organization) {
        this.jdbc = jdbc;
        this.lessons = lessons;
        this.settings = settings;
        this.organization = organization;
    }

    public record HistoryEntry(long lessonId, int positionSeconds, Instant at) {
    }

    public void favour(long userId, long lessonId) {
        int exists = jdbc.sql("select count(*) from lib_favourite where user_id = ? and lesson_id = ?")
                .params(userId, lessonId).query(Integer.class).single();
        if (exists == 0) {
            jdbc.sql("insert into lib_favourite (user_id, lesson_id, created_at) values (?, ?, ?)")
                    .params(userId, lessonId, clock.instant().atOffset(ZoneOffset.UTC)).update();
        }
    }

    public void unfavour(long userId, long lessonId) {
        jdbc.sql("delete from lib_favourite where user_id = ? and lesson_id = ?").params(userId, lessonId).update();
    }

    @Transactional(readOnly = true)
    public boolean isFavourite(long userId, long lessonId) {
        return jdbc.sql("select count(*) from lib_favourite where user_id = ? and lesson_id = ?").params(userId, lessonId)
                .query(Integer.class).single() > 0;
    }

    /** Favourite lesson ids, newest first. */
    @Transactional(readOnly = true)
    public List<Long> favourites(long userId) {
        return jdbc.sql("select lesson_id from lib_favourite where user_id = ? order by created_at desc, lesson_id desc")
                .param(userId).query(Long.class).list();
    }

    /** Where the viewer left off, if they did. */
    @Transactional(readOnly = true)
    public Optional<Integer> resumeAt(long userId, long lessonId) {
        return jdbc.sql("select position_seconds from lib_progress where user_id = ? and lesson_id = ?")
                .params(userId, lessonId).query(Integer.class).optional();
    }

    @Transactional(readOnly = true)
    public List<HistoryEntry> history(long userId, int limit) {
        return jdbc.sql("""
                select lesson_id, position_seconds, updated_at from lib_progress where user_id = ?
                 order by updated_at desc, lesson_id desc fetch first ? rows only
                """).params(userId, limit).query((rs, n) -> new HistoryEntry(rs.getLong("lesson_id"),
                rs.getInt("position_seconds"), Lessons.instant(rs, "updated_at"))).list();
    }

    /**
     * The viewer is at {@code positionSeconds} and watched {@code watchedSeconds} more since the last report:
     * remembers the position, counts a view unless one is open, and adds the watch time to it.
     */
    public void progress(long userId, Lesson lesson, int positionSeconds, int watchedSeconds) {
        Instant now = clock.instant();
        int updated = jdbc.sql("update lib_progress set position_seconds = ?, updated_at = ? where user_id = ? and lesson_id = ?")
                .params(positionSeconds, now.atOffset(ZoneOffset.UTC), userId, lesson.id()).update();
        if (updated == 0) {
            jdbc.sql("insert into lib_progress (user_id, lesson_id, position_seconds, updated_at) values (?, ?, ?, ?)")
                    .params(userId, lesson.id(), positionSeconds, now.atOffset(ZoneOffset.UTC)).update();
        }
        long view = view(userId, lesson, now);
        jdbc.sql("update lib_view set watched_seconds = watched_seconds + ?, last_seen_at = ? where id = ?")
                .params(Math.max(0, watchedSeconds), now.atOffset(ZoneOffset.UTC), view).update();
    }

    /** Counts a view when the viewer has none on this lesson in the window; answers the current view's id. */
    public long view(long userId, Lesson lesson, Instant now) {
        Optional<Long> open = jdbc.sql("""
                select id from lib_view where lesson_id = ? and user_id = ? and started_at > ?
                 order by started_at desc fetch first 1 rows only
                """).params(lesson.id(), userId, now.minus(settings.viewWindow()).atOffset(ZoneOffset.UTC))
                .query(Long.class).optional();
        if (open.isPresent()) {
            return open.get();
        }
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into lib_view (lesson_id, school_id, user_id, view_date, started_at, last_seen_at, watched_seconds)
                values (?, ?, ?, ?, ?, ?, 0)
                """).params(lesson.id(), lesson.schoolId(), userId, now.atZone(organization.zone()).toLocalDate(),
                now.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC)).update(keys, "id");
        lessons.countView(lesson.id());
        return keys.getKeyAs(Number.class).longValue();
    }

    public long view(long userId, Lesson lesson) {
        return view(userId, lesson, clock.instant());
    }
}

package org.ketang.platform.library.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ketang.platform.http.ApiProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Playlists of lessons. A playlist is its owner's; a shared one can be seen by everyone signed in, but each
 * viewer only gets the lessons they may see (the caller filters the items with {@link Viewer}).
 */
@Service
@Transactional
public class Playlists {

    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();

    Playlists(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Playlist(long id, long ownerUserId, String title, String description, boolean shared, Instant updatedAt) {

        /** Whether the user may see the playlist: its owner, or anyone when it is shared. */
        public boolean seenBy(long userId) {
            return shared || ownerUserId == userId;
        }
    }

    public long create(long ownerUserId, String title, String description, boolean shared) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                insert into lib_playlist (owner_user_id, title, description, shared, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?)
                """).params(ownerUserId, title.strip(), description.strip(), shared, now, now).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    @Transactional(readOnly = true)
    public Optional<Playlist> find(long id) {
        return jdbc.sql("select id, owner_user_id, title, description, shared, updated_at from lib_playlist where id = ?")
                .param(id).query(Playlists::row).optional();
    }

    /** The user's playlists; {@code sharedOnly} for what others see in their space. */
    @Transactional(readOnly = true)
    public List<Playlist> of(long ownerUserId, boolean sharedOnly) {
        return jdbc.sql("select id, owner_user_id, title, description, shared, updated_at from lib_playlist"
                + " where owner_user_id = ?" + (sharedOnly ? " and shared = true" : "") + " order by updated_at desc, id desc")
                .param(ownerUserId).query(Playlists::row).list();
    }

    public void update(long id, String title, String description, boolean shared) {
        jdbc.sql("update lib_playlist set title = ?, description = ?, shared = ?, updated_at = ? where id = ?")
                .params(title.strip(), description.strip(), shared, clock.instant().atOffset(ZoneOffset.UTC), id).update();
    }

    public void delete(long id) {
        jdbc.sql("delete from lib_playlist_item where playlist_id = ?").param(id).update();
        jdbc.sql("delete from lib_playlist where id = ?").param(id).update();
    }

    /** Lesson ids in playlist order. */
    @Transactional(readOnly = true)
    public List<Long> items(long id) {
        return jdbc.sql("select lesson_id from lib_playlist_item where playlist_id = ? order by position, lesson_id")
                .param(id).query(Long.class).list();
    }

    /** Adds a lesson at the end (nothing happens when it is already in the playlist). */
    public void add(long id, long lessonId) {
        if (items(id).contains(lessonId)) {
            return;
        }
        int next = jdbc.sql("select coalesce(max(position), 0) + 1 from lib_playlist_item where playlist_id = ?")
                .param(id).query(Integer.class).single();
        jdbc.sql("insert into lib_playlist_item (playlist_id, lesson_id, position) values (?, ?, ?)")
                .params(id, lessonId, next).update();
        touch(id);
    }

    public void remove(long id, long lessonId) {
        jdbc.sql("delete from lib_playlist_item where playlist_id = ? and lesson_id = ?").params(id, lessonId).update();
        touch(id);
    }

    /**
     * Puts the lessons in the given order. The list must hold exactly the playlist's lessons, so that a client
     * with a stale view cannot drop lessons it did not see.
     */
    public void reorder(long id, List<Long> lessonIds) {
        List<Long> current = new ArrayList<>(items(id));
        if (current.size() != lessonIds.size() || !current.containsAll(lessonIds)) {
            throw ApiProblem.conflict("列表已变化，请刷新后重试", "The playlist has changed; reload and try again");
        }
        for (int i = 0; i < lessonIds.size(); i++) {
            jdbc.sql("update lib_playlist_item set position = ? where playlist_id = ? and lesson_id = ?")
                    .params(i + 1, id, lessonIds.get(i)).update();
        }
        touch(id);
    }

    private void touch(long id) {
        jdbc.sql("update lib_playlist set updated_at = ? where id = ?").params(clock.instant().atOffset(ZoneOffset.UTC), id)
                .update();
    }

    private static Playlist row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Playlist(rs.getLong("id"), rs.getLong("owner_user_id"), rs.getString("title"),
                rs.getString("description"), rs.getBoolean("shared"), Lessons.instant(rs, "updated_at"));
    }
}

package org.ketang.platform.library.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.ketang.platform.library.LessonGrants;
import org.ketang.platform.library.LessonStatus;
import org.ketang.platform.library.PlaybackLinks;
import org.ketang.platform.library.Visibility;
import org.ketang.platform.library.WatchedLessons;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link LessonGrants} over the grant table, the lesson table and the media module's signed links. */
@Component
@Transactional
class Grants implements LessonGrants {

    private final JdbcClient jdbc;
    private final Lessons lessons;
    private final LessonFacts facts;
    private final Library library;
    private final ObjectProvider<PlaybackLinks> links;
    private final Clock clock = Clock.systemUTC();

    Grants(JdbcClient jdbc, Lessons lessons, LessonFacts facts, Library library, ObjectProvider<PlaybackLinks> links) {
        this.jdbc = jdbc;
        this.lessons = lessons;
        this.facts = facts;
        this.library = library;
        this.links = links;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<WatchedLessons.Facts> ownReady(long userId, long lessonId) {
        return lessons.find(lessonId).filter(l -> !l.deleted() && l.ownedBy(userId) && l.status() == LessonStatus.READY)
                .flatMap(l -> facts.find(l.id()));
    }

    @Override
    public void grant(long lessonId, long userId, String purpose) {
        int exists = jdbc.sql("select count(*) from lib_lesson_grant where lesson_id = ? and user_id = ? and purpose = ?")
                .params(lessonId, userId, purpose).query(Integer.class).single();
        if (exists == 0) {
            jdbc.sql("insert into lib_lesson_grant (lesson_id, user_id, purpose, granted_at) values (?, ?, ?, ?)")
                    .params(lessonId, userId, purpose, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                    .update();
        }
    }

    @Override
    public void revoke(long lessonId, long userId, String purpose) {
        jdbc.sql("delete from lib_lesson_grant where lesson_id = ? and user_id = ? and purpose = ?")
                .params(lessonId, userId, purpose).update();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<PlaybackLinks.Links> playback(long lessonId, long userId) {
        int granted = jdbc.sql("select count(*) from lib_lesson_grant where lesson_id = ? and user_id = ?")
                .params(lessonId, userId).query(Integer.class).single();
        PlaybackLinks provider = links.getIfAvailable();
        if (granted == 0 || provider == null) {
            return Optional.empty();
        }
        return lessons.find(lessonId).filter(l -> !l.deleted() && l.assetId() != null && l.status().watchable())
                .flatMap(l -> provider.linksFor(java.util.Objects.requireNonNull(l.assetId()), userId));
    }

    @Override
    public void widen(long lessonId, Visibility atLeast) {
        library.widen(lessonId, atLeast);
    }
}

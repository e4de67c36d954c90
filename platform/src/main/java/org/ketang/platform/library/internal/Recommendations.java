package org.ketang.platform.library.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.library.LessonRecommendations;
import org.ketang.platform.library.Visibility;
import org.ketang.platform.organization.Directory;
import org.ketang.platform.organization.Reach;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Recommendations to classes, and the grant they give the class's students and guardians (see {@link #grants}). */
@Service
@Transactional
public class Recommendations implements LessonRecommendations {

    private final JdbcClient jdbc;
    private final Lessons lessons;
    private final Reach reach;
    private final Directory directory;

    Recommendations(JdbcClient jdbc, Lessons lessons, Reach reach, Directory directory) {
        this.jdbc = jdbc;
        this.lessons = lessons;
        this.reach = reach;
        this.directory = directory;
    }

    @Override
    public Recommended recommend(Actor actor, long lessonId, long classId, @Nullable String note) {
        Lesson lesson = lessons.find(lessonId).filter(Viewer.of(actor)::sees)
                .orElseThrow(() -> ApiProblem.notFound("课例", "Lesson"));
        if (lesson.visibility() == Visibility.PRIVATE || !lesson.status().watchable()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "not-recommendable", "私有或尚不能播放的课例不能推荐",
                    "A private lesson, or one that cannot be played yet, cannot be recommended");
        }
        jdbc.sql("delete from lib_recommendation where lesson_id = ? and class_id = ?").params(lessonId, classId).update();
        jdbc.sql("""
                insert into lib_recommendation (lesson_id, class_id, recommended_by, recommender_name, note, created_at)
                values (?, ?, ?, ?, ?, ?)""").params(lessonId, classId, actor.userId(), actor.displayName(),
                note == null || note.isBlank() ? null : note.strip(), Instant.now().atOffset(ZoneOffset.UTC)).update();
        return ofClass(classId).stream().filter(r -> r.lessonId() == lessonId).findFirst().orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Recommended> ofClass(long classId) {
        return jdbc.sql("""
                select r.lesson_id, r.class_id, l.title, l.duration_seconds, r.recommender_name, r.note, r.created_at
                  from lib_recommendation r join lib_lesson l on l.id = r.lesson_id
                 where r.class_id = ? and l.deleted_at is null order by r.created_at desc""").param(classId)
                .query((rs, n) -> new Recommended(rs.getLong("lesson_id"), rs.getLong("class_id"), rs.getString("title"),
                        rs.getObject("duration_seconds", Integer.class), rs.getString("recommender_name"), rs.getString("note"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, Long> watchedSeconds(long lessonId, Collection<Long> userIds) {
        Map<Long, Long> watched = new HashMap<>();
        if (userIds.isEmpty()) {
            return watched;
        }
        jdbc.sql("""
                select user_id, sum(watched_seconds) as seconds from lib_view where lesson_id = :lesson and user_id in (:users)
                 group by user_id""").param("lesson", lessonId).param("users", userIds)
                .query((rs, n) -> watched.put(rs.getLong("user_id"), rs.getLong("seconds"))).list();
        return watched;
    }

    /**
     * Whether the lesson is recommended to a class of the actor's own (as its student) or of their children (as a
     * guardian), and may therefore be watched by them: never PRIVATE, only playable ones.
     */
    @Transactional(readOnly = true)
    public boolean grants(Actor actor, Lesson lesson) {
        if (lesson.deleted() || lesson.visibility() == Visibility.PRIVATE || !lesson.status().watchable()) {
            return false;
        }
        Set<Long> students = reach.of(actor).students();
        if (students.isEmpty()) {
            return false;
        }
        List<Long> classes = students.stream().map(directory::student).flatMap(java.util.Optional::stream)
                .map(Directory.StudentInfo::classId).distinct().toList();
        return !classes.isEmpty() && jdbc.sql("select count(*) from lib_recommendation where lesson_id = :lesson "
                + "and class_id in (:classes)").param("lesson", lesson.id()).param("classes", classes)
                .query(Integer.class).single() > 0;
    }
}

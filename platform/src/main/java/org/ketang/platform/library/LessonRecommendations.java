package org.ketang.platform.library;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.identity.Actor;

/**
 * Lessons recommended to a class (the home-school app's 推荐学习). A recommendation is also a grant: the class's
 * students and their guardians may watch the lesson in the library player even when its visibility is SCHOOL or
 * DISTRICT (parents have no LESSON_VIEW) — never a PRIVATE one, and only while it stays recommended.
 */
public interface LessonRecommendations {

    /** A recommended lesson as the class sees it. */
    record Recommended(long lessonId, long classId, String title, @Nullable Integer durationSeconds, String recommenderName,
            @Nullable String note, Instant recommendedAt) {
    }

    /**
     * Recommends a lesson the actor sees (404 otherwise; 409 for a PRIVATE or unplayable one) to a class. Whether the
     * actor may address the class is the caller's check.
     */
    Recommended recommend(Actor actor, long lessonId, long classId, @Nullable String note);

    /** The lessons recommended to a class, newest first. */
    List<Recommended> ofClass(long classId);

    /** Seconds each of these users watched the lesson (users who never started are absent). */
    Map<Long, Long> watchedSeconds(long lessonId, Collection<Long> userIds);
}

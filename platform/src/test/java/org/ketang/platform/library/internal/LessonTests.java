package org.ketang.platform.library.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.ketang.platform.library.LessonStatus;
import org.ketang.platform.library.Visibility;

class LessonTests {

    static final Instant NOW = Instant.parse("2026-11-24T01:00:00Z");

    static Lesson upload() {
        var c = new Lesson.Classification(1, "第一中学", 2L, "七年级", 3L, "七年级1班", 4L, "数学", 5L, 6L, "王芳",
                LocalDate.of(2026, 11, 24), 2);
        return Lesson.fromUpload("u1", 6, "一元二次方程", c, Visibility.SCHOOL, NOW);
    }

    @Test
    void firstRenditionMakesALessonPlayableAndTheLastOneReady() {
        Lesson lesson = upload();
        assertThat(lesson.status()).isEqualTo(LessonStatus.PROCESSING);
        assertThat(lesson.renditionPublished(360, NOW)).isTrue();
        assertThat(lesson.status()).isEqualTo(LessonStatus.PLAYABLE);
        assertThat(lesson.renditionPublished(360, NOW)).as("redelivered event").isFalse();
        lesson.renditionPublished(720, NOW);
        assertThat(lesson.ready(1800, true, NOW)).isTrue();
        assertThat(lesson.status()).isEqualTo(LessonStatus.READY);
        assertThat(lesson.renditions()).containsExactly(360, 720);
        assertThat(lesson.durationSeconds()).isEqualTo(1800);
    }

    @Test
    void rejectedLessonNeverBecomesPlayableAndAPlayableOneIsNeverRejected() {
        Lesson rejected = upload();
        rejected.rejected("不是视频", "Not a video", NOW);
        assertThat(rejected.renditionPublished(360, NOW)).isFalse();
        assertThat(rejected.status()).isEqualTo(LessonStatus.REJECTED);
        assertThat(rejected.reasonEn()).isEqualTo("Not a video");

        Lesson playable = upload();
        playable.renditionPublished(360, NOW);
        assertThat(playable.failed("1080p 转码失败", "1080p failed", NOW)).isFalse();
        assertThat(playable.status()).isEqualTo(LessonStatus.PLAYABLE);
    }

    @Test
    void deletedLessonIgnoresMediaEventsAndIsSeenByNobody() {
        Lesson lesson = upload();
        lesson.id = 1L;
        lesson.delete(NOW);
        assertThat(lesson.renditionPublished(360, NOW)).isFalse();
        Viewer owner = new Viewer(6, 1L, true, false, null, false);
        assertThat(owner.sees(lesson)).isFalse();
    }

    @Test
    void tagsAreTrimmedDeduplicatedAndCommaFree() {
        assertThat(Lesson.cleanTags(java.util.List.of(" 复习 ", "复习", "", "期中,考试"))).containsExactly("复习", "期中，考试");
    }
}

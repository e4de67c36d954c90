package org.ketang.platform.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.ketang.platform.IntegrationTest;
import org.ketang.platform.identity.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Media's events reach the library in parallel (the last rendition and "ready" finish at about the same time);
 * neither may write over the other.
 */
@IntegrationTest
@ActiveProfiles({ "test", "demo" })
class LessonMediaEventsApiTests {

    @Autowired
    LessonIntake intake;

    @Autowired
    LessonMedia media;

    @Autowired
    UserAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theLastRenditionAndReadyArrivingTogetherLeaveTheLessonReady() throws Exception {
        long teacher = accounts.findByUsername("t1").orElseThrow().id();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 20; i++) {
                long lesson = intake.fromUpload(new UploadFacts("race-" + i, teacher, "课.mp4", Instant.now(), "并发" + i));
                media.attachAsset(lesson, 1000 + i);
                media.renditionPublished(lesson, 360);
                CountDownLatch start = new CountDownLatch(1);
                Future<?> rendition = pool.submit(() -> {
                    start.await();
                    media.renditionPublished(lesson, 720);
                    return null;
                });
                Future<?> ready = pool.submit(() -> {
                    start.await();
                    media.ready(lesson, 30, true);
                    return null;
                });
                start.countDown();
                rendition.get();
                ready.get();
                var row = jdbc.sql("select status, has_poster, renditions from lib_lesson where id = ?").param(lesson)
                        .query((rs, n) -> new Object[] { rs.getString(1), rs.getBoolean(2), rs.getString(3) }).single();
                assertThat(row[0]).as("lesson %d", lesson).isEqualTo("READY");
                assertThat(row[1]).as("poster of lesson %d", lesson).isEqualTo(true);
                assertThat((String) row[2]).as("renditions of lesson %d", lesson).contains("720");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

package org.ketang.platform.library.internal;

import org.ketang.platform.library.LibrarySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the search index in step with the database: each change after its transaction commits (so a rolled
 * back change never shows in search), and a full rebuild on start when the index was missing or corrupt.
 */
@Component
public class IndexUpdates implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(IndexUpdates.class);

    private final LessonIndex index;
    private final Lessons lessons;
    private final LibrarySettings settings;

    IndexUpdates(LessonIndex index, Lessons lessons, LibrarySettings settings) {
        this.index = index;
        this.lessons = lessons;
        this.settings = settings;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(LessonChanged changed) {
        try {
            lessons.find(changed.lessonId()).ifPresent(index::index);
        } catch (RuntimeException e) {
            // the database is right; a rebuild brings the index back in step
            log.error("Could not index lesson {}; rebuild the index (POST /api/v1/lessons/search/rebuild)",
                    changed.lessonId(), e);
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        if (index.needsRebuild()) {
            long start = System.nanoTime();
            int n = rebuild();
            log.info("Lesson index at {} rebuilt from the database: {} lessons in {} ms", settings.indexDir(), n,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    public int rebuild() {
        return index.rebuild(lessons::forEachLive);
    }
}

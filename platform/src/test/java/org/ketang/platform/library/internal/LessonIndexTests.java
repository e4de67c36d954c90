package org.ketang.platform.library.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketang.platform.library.LibrarySettings;
import org.ketang.platform.library.Visibility;

class LessonIndexTests {

    @TempDir
    Path dir;

    static Lesson lesson(long id, String title, Visibility visibility) {
        Lesson lesson = LessonTests.upload();
        lesson.id = id;
        lesson.title = title;
        lesson.visibility = visibility;
        lesson.renditionPublished(360, LessonTests.NOW);
        return lesson;
    }

    @Test
    void corruptIndexIsDetectedOnOpenAndRebuilt() throws Exception {
        LibrarySettings settings = new LibrarySettings(dir, null, null);
        LessonIndex index = new LessonIndex(settings);
        assertThat(index.needsRebuild()).isTrue();
        index.rebuild(each -> each.accept(lesson(1, "一元二次方程", Visibility.PUBLIC)));
        assertThat(index.needsRebuild()).isFalse();
        index.destroy();

        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
                Files.write(file, new byte[] { 1, 2, 3 });
            }
        }
        LessonIndex reopened = new LessonIndex(settings);
        assertThat(reopened.needsRebuild()).isTrue();
        reopened.rebuild(each -> each.accept(lesson(1, "一元二次方程", Visibility.PUBLIC)));
        Viewer anyone = new Viewer(99, null, false, false, null, false);
        assertThat(reopened.search(anyone, "方程", Lessons.Filter.none(), 0, 10).ids()).containsExactly(1L);
        reopened.destroy();
    }

    @Test
    void visibilityIsPartOfTheQueryOverManyLessons() throws Exception {
        LessonIndex index = new LessonIndex(new LibrarySettings(dir, null, null));
        String[] words = { "一元二次方程", "勾股定理", "分数加减", "浮力", "光合作用", "古诗词鉴赏", "Reading Animals", "函数图像" };
        index.rebuild(each -> {
            for (int i = 1; i <= 5000; i++) {
                each.accept(lesson(i, words[i % words.length] + " 第" + i + "课",
                        i % 3 == 0 ? Visibility.SCHOOL : Visibility.DISTRICT));
            }
        });
        Viewer viewer = new Viewer(99, 2L, true, false, null, false);
        // latency over 100,000 lessons is measured by bench/run-search.sh
        for (String q : List.of("方程", "数学", "浮力", "reading")) {
            assertThat(index.search(viewer, q, Lessons.Filter.none(), 0, 20).total()).as(q).isPositive();
        }
        // visibility is part of the query: school 2's viewer never gets school 1's SCHOOL lessons
        long expected = java.util.stream.IntStream.rangeClosed(1, 5000).filter(i -> i % 8 == 0 && i % 3 != 0).count();
        assertThat(index.search(viewer, "方程", Lessons.Filter.none(), 0, 5000).total()).isEqualTo(expected);
        index.destroy();
    }
}

package org.ketang.platform.library;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the library module.
 *
 * @param indexDir          the Lucene index (default {@code ${ketang.data-dir}/index/lessons})
 * @param viewWindow        one viewer counts one view per lesson in this window (default 30 minutes)
 * @param defaultVisibility visibility of new lessons (default SCHOOL)
 */
@ConfigurationProperties("ketang.library")
public record LibrarySettings(Path indexDir, Duration viewWindow, Visibility defaultVisibility) {

    public LibrarySettings(@Nullable Path indexDir, @Nullable Duration viewWindow, @Nullable Visibility defaultVisibility) {
        this.indexDir = indexDir == null ? Path.of("data", "index", "lessons") : indexDir;
        this.viewWindow = viewWindow == null ? Duration.ofMinutes(30) : viewWindow;
        this.defaultVisibility = defaultVisibility == null ? Visibility.SCHOOL : defaultVisibility;
    }
}

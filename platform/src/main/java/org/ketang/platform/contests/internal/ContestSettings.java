package org.ketang.platform.contests.internal;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the contests module.
 *
 * @param attachmentsDir where submitted attachments (教学设计, 课件) are kept (default {@code ./data/contests})
 * @param maxAttachments attachments per submission (default 5)
 */
@ConfigurationProperties("ketang.contests")
public record ContestSettings(Path attachmentsDir, int maxAttachments) {

    public ContestSettings(@Nullable Path attachmentsDir, int maxAttachments) {
        this.attachmentsDir = attachmentsDir == null ? Path.of("data", "contests") : attachmentsDir;
        this.maxAttachments = maxAttachments <= 0 ? 5 : maxAttachments;
    }
}

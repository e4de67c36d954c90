package org.ketang.platform.ingest.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the ingest module ({@code ketang.ingest.*}).
 *
 * @param maxUploadSize   largest single upload ({@code Tus-Max-Size})
 * @param perUserQuota    bytes one user may have in unfinished and unclaimed uploads together
 * @param expireAfter     how long an unfinished upload waits for its next byte before it expires
 * @param cleanupInterval how often expired uploads are swept
 * @param dir             where the files go; {@code ${ketang.data-dir}/uploads} when unset
 */
@ConfigurationProperties("ketang.ingest")
public record IngestSettings(@DefaultValue("20GB") DataSize maxUploadSize, @DefaultValue("50GB") DataSize perUserQuota,
        @DefaultValue("24h") Duration expireAfter, @DefaultValue("10m") Duration cleanupInterval, @Nullable Path dir) {
}

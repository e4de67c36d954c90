package org.ketang.platform.ingest.internal;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Sweeps unfinished uploads whose time ran out ({@code ketang.ingest.cleanup-interval}). */
@Component
class UploadExpiry {

    private static final Logger log = LoggerFactory.getLogger(UploadExpiry.class);

    private final ResumableUploads uploads;

    UploadExpiry(ResumableUploads uploads) {
        this.uploads = uploads;
    }

    @Scheduled(initialDelayString = "${ketang.ingest.cleanup-interval:10m}",
            fixedDelayString = "${ketang.ingest.cleanup-interval:10m}")
    void sweep() {
        int expired = uploads.expire(Instant.now());
        if (expired > 0) {
            log.info("Expired {} unfinished uploads", expired);
        }
    }
}

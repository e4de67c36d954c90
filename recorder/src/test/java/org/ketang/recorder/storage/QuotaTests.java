package org.ketang.recorder.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketang.agent.protocol.AgentAlert;
import org.ketang.agent.protocol.RecordingStatus;
import org.ketang.recorder.AgentSettings;

class QuotaTests {

    static final long GB = 1_000_000_000L;

    @TempDir
    Path data;
    RecordingLibrary library;
    /** 100 GB volume; free space is what the test says minus what the library holds. */
    long freeWithoutLibrary;
    Map<String, RecordingStatus> platform = new ConcurrentHashMap<>();
    boolean online = true;
    List<AgentAlert> alerts = new ArrayList<>();
    AgentSettings.Storage settings = new AgentSettings.Storage(10, 0, 0);

    @BeforeEach
    void open() throws IOException {
        library = new RecordingLibrary(data);
    }

    Volume volume() {
        return new Volume() {
            @Override
            public long freeBytes() throws IOException {
                return freeWithoutLibrary - library.all().stream().mapToLong(Recording::bytes).sum();
            }

            @Override
            public long totalBytes() {
                return 100 * GB;
            }
        };
    }

    StorageGuard guard() {
        return new StorageGuard(library, volume(), () -> new Quota(settings), id -> {
            if (!online) {
                throw new IOException("platform unreachable");
            }
            return Optional.ofNullable(platform.get(id));
        }, alerts::add, Clock.systemUTC());
    }

    /** A recording of {@code gb} "gigabytes" (a tiny file, a large recorded size). */
    Recording recording(int day, long gb, boolean uploaded, boolean confirmed) throws IOException {
        Recording r = library.create(Instant.parse("2026-11-01T08:00:00Z").plusSeconds(86400L * day), null, null,
                null, false);
        Files.writeString(library.dir(r.id()).resolve("program.mp4"), "x");
        String sha = "a".repeat(63) + day % 10;
        Recording done = r.finished(r.startedAt().plusSeconds(2700), "program.mp4", gb * GB, sha, 2700, false, null);
        if (uploaded) {
            done = done.uploading("http://p/u/" + day).uploaded();
        }
        if (confirmed) {
            done = done.withStatus(new RecordingStatus(r.id(), true, sha, 1L));
            platform.put(r.id(), new RecordingStatus(r.id(), true, sha, 1L));
        }
        library.save(done);
        return done;
    }

    @Test
    void theOldestConfirmedRecordingsGoFirstUntilTenPercentIsFree() throws IOException {
        Recording oldest = recording(1, 3, true, true);
        Recording unconfirmed = recording(2, 3, true, false);
        Recording second = recording(3, 3, true, true);
        Recording third = recording(4, 3, true, true);
        freeWithoutLibrary = 17 * GB; // 5 GB free now; 10 GB wanted

        StorageGuard.Space space = guard().check();

        assertThat(library.find(oldest.id())).isEmpty();
        assertThat(library.find(second.id())).isEmpty();
        assertThat(library.find(unconfirmed.id())).isPresent();
        assertThat(library.find(third.id())).isPresent();
        assertThat(space.evicted()).isEqualTo(2);
        assertThat(space.low()).isFalse();
        assertThat(alerts).isEmpty();
    }

    @Test
    void anUnconfirmedRecordingIsNeverDeletedAndTheDiskIsReportedLow() throws IOException {
        Recording finishedOnly = recording(1, 4, false, false);
        Recording uploadedOnly = recording(2, 4, true, false);
        freeWithoutLibrary = 12 * GB; // 4 GB free

        StorageGuard guard = guard();
        StorageGuard.Space space = guard.check();
        guard.check();

        assertThat(library.all()).extracting(Recording::id).containsExactly(finishedOnly.id(), uploadedOnly.id());
        assertThat(space.low()).isTrue();
        assertThat(guard.mayStartRecording()).isFalse();
        assertThat(alerts).hasSize(1).first().extracting(AgentAlert::kind).isEqualTo(AgentAlert.Kind.DISK_LOW);
    }

    @Test
    void aRecordingThePlatformNoLongerConfirmsOrCannotBeAskedAboutStays() throws IOException {
        Recording changed = recording(1, 5, true, true);
        Recording offline = recording(2, 5, true, true);
        freeWithoutLibrary = 15 * GB;
        platform.put(changed.id(), new RecordingStatus(changed.id(), true, "b".repeat(64), 1L));

        guard().check();
        assertThat(library.find(changed.id())).hasValueSatisfying(r -> assertThat(r.confirmed()).isFalse());

        online = false;
        guard().check();
        assertThat(library.find(offline.id())).isPresent();
    }

    @Test
    void theLibraryStaysBelowItsMaximumSize() throws IOException {
        settings = new AgentSettings.Storage(0, 7 * GB, 0);
        Recording a = recording(1, 4, true, true);
        Recording b = recording(2, 4, true, true);
        freeWithoutLibrary = 90 * GB;

        Quota.Plan plan = new Quota(settings).plan(library.all(), 82 * GB, 100 * GB, 8 * GB);

        assertThat(plan.evict()).containsExactly(a.id());
        assertThat(plan.enough()).isTrue();
        assertThat(b.evictable()).isTrue();
    }

    @Test
    void enoughSpaceNeedsNothing() throws IOException {
        recording(1, 5, true, true);
        freeWithoutLibrary = 60 * GB;
        assertThat(guard().check().evicted()).isZero();
        assertThat(library.all()).hasSize(1);
    }
}

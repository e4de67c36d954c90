package org.ketang.recorder.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.ScheduleCalendar;
import org.ketang.agent.protocol.ScheduleEntry;
import org.ketang.recorder.AgentJson;
import org.ketang.recorder.control.PlatformClient;

/**
 * The device's recording schedule, cached on disk ({@code schedule.ics} and its ETag in {@code schedule.etag}) so
 * that the box records on time while the platform is unreachable. Refreshed with {@code If-None-Match}; a calendar
 * that does not parse is refused and the cached one kept.
 */
public final class ScheduleCache {

    private static final System.Logger log = System.getLogger(ScheduleCache.class.getName());

    private final Path calendarFile;
    private final Path etagFile;
    private volatile List<ScheduleEntry> entries = List.of();
    private volatile @Nullable String etag;

    public ScheduleCache(Path dataDir) {
        this.calendarFile = dataDir.resolve("schedule.ics");
        this.etagFile = dataDir.resolve("schedule.etag");
        try {
            if (Files.exists(calendarFile)) {
                entries = ScheduleCalendar.read(Files.readString(calendarFile, StandardCharsets.UTF_8));
                etag = Files.exists(etagFile) ? Files.readString(etagFile, StandardCharsets.UTF_8).strip() : null;
            }
        } catch (IOException | IllegalArgumentException e) {
            log.log(System.Logger.Level.WARNING, "The cached schedule is unreadable; waiting for a new one: " + e);
        }
    }

    /** The cached entries. */
    public List<ScheduleEntry> entries() {
        return entries;
    }

    /** The cached calendar's ETag, or null. */
    public @Nullable String etag() {
        return etag;
    }

    /** Fetches the schedule unless unchanged; true when it changed. */
    public boolean refresh(PlatformClient platform) throws IOException {
        Optional<PlatformClient.Schedule> fresh = platform.schedule(etag);
        if (fresh.isEmpty()) {
            return false;
        }
        store(fresh.get().calendar(), fresh.get().etag());
        return true;
    }

    /** Stores a new calendar (after checking that it parses). */
    public synchronized void store(String calendar, @Nullable String newEtag) throws IOException {
        List<ScheduleEntry> parsed = ScheduleCalendar.read(calendar);
        AgentJson.writeAtomically(calendarFile, calendar.getBytes(StandardCharsets.UTF_8));
        AgentJson.writeAtomically(etagFile, (newEtag == null ? "" : newEtag).getBytes(StandardCharsets.UTF_8));
        entries = parsed;
        etag = newEtag;
        log.log(System.Logger.Level.INFO, "Schedule updated: " + parsed.size() + " entries (ETag " + newEtag + ")");
    }
}

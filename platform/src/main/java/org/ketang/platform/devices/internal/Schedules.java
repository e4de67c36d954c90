package org.ketang.platform.devices.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.ketang.agent.protocol.ScheduleCalendar;
import org.ketang.agent.protocol.ScheduleEntry;
import org.ketang.platform.organization.Directory;
import org.ketang.platform.organization.Happening;
import org.ketang.platform.organization.OrganizationSettings;
import org.ketang.platform.organization.Timetables;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The recording schedule of a classroom: the lessons its timetable holds there from today to
 * {@code scheduleDays} ahead (when the classroom records timetable lessons), and every booking that has not ended.
 * A classroom that is not a recording classroom has an empty schedule. The ETag is a hash of the calendar text, so it
 * changes exactly when the content does — when the timetable, the bells, a booking or a classroom setting changes, and
 * when the day moves on.
 * <p>
 * Agents ask for the ETag on every heartbeat; computing it reads the timetable, so it is kept per classroom for
 * {@code scheduleCacheTtl}. Bookings and settings changed on this node drop the kept one at once; a timetable edit
 * (or a booking on another node) shows within the TTL. {@link #calendar} always computes afresh.
 */
@Component
@Transactional(readOnly = true)
public class Schedules {

    private static final DateTimeFormatter UID_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    /** A classroom's schedule as the agent gets it. */
    public record Calendar(String text, String etag, List<ScheduleEntry> entries) {
    }

    private record Kept(LocalDate day, String etag, Instant at) {
    }

    private final Directory directory;
    private final Timetables timetables;
    private final ClassroomSettings settings;
    private final BookingRows bookings;
    private final DeviceSettings deviceSettings;
    private final ZoneId zone;
    private final Map<Long, Kept> kept = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    Schedules(Directory directory, Timetables timetables, ClassroomSettings settings, BookingRows bookings,
            DeviceSettings deviceSettings, OrganizationSettings organization) {
        this.directory = directory;
        this.timetables = timetables;
        this.settings = settings;
        this.bookings = bookings;
        this.deviceSettings = deviceSettings;
        this.zone = organization.zone();
    }

    /** The classroom's schedule now, computed afresh. */
    public Calendar calendar(long classroomId) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        Instant dayStart = today.atStartOfDay(zone).toInstant();
        List<ScheduleEntry> entries = new ArrayList<>();
        Optional<Directory.ClassroomInfo> room = directory.classroom(classroomId).filter(Directory.ClassroomInfo::recording);
        if (room.isPresent()) {
            entries.addAll(timetableEntries(classroomId, today, today.plusDays(deviceSettings.scheduleDays())));
            bookings.upcoming(classroomId, dayStart).forEach(b -> entries.add(entry(b)));
        }
        entries.sort(Comparator.comparing(ScheduleEntry::start).thenComparing(ScheduleEntry::uid));
        // DTSTAMP is the day's start, not the clock: the same content must give the same bytes (a strong ETag)
        String text = ScheduleCalendar.write(entries, dayStart);
        String etag = "\"" + sha256(text).substring(0, 32) + "\"";
        kept.put(classroomId, new Kept(today, etag, now));
        return new Calendar(text, etag, List.copyOf(entries));
    }

    /** The ETag of the classroom's schedule, reused for up to {@code scheduleCacheTtl}. */
    public String etag(long classroomId) {
        Instant now = clock.instant();
        Kept k = kept.get(classroomId);
        if (k != null && k.day().equals(LocalDate.ofInstant(now, zone))
                && k.at().isAfter(now.minus(deviceSettings.scheduleCacheTtl()))) {
            return k.etag();
        }
        return calendar(classroomId).etag();
    }

    /** Something in the classroom's schedule changed: compute it afresh next time (call after commit). */
    void changed(long classroomId) {
        kept.remove(classroomId);
    }

    /**
     * The timetable lessons the classroom records automatically between two days (both included): none when the
     * classroom's auto-record setting is off.
     */
    List<ScheduleEntry> timetableEntries(long classroomId, LocalDate from, LocalDate to) {
        ClassroomSettings.Setting setting = settings.of(classroomId);
        if (!setting.autoRecord()) {
            return List.of();
        }
        return timetables.lessonsIn(classroomId, from, to).stream().map(h -> entry(h, setting.liveByDefault())).toList();
    }

    /** The lesson's entry: a uid that is the same for the same classroom, day and period every time. */
    ScheduleEntry entry(Happening h, boolean live) {
        String uid = "tt-" + h.classroomId() + "-" + UID_DATE.format(h.date()) + "-" + h.period().no();
        String title = h.classFullName() + " " + h.subjectName() + " 第" + h.period().no() + "节"
                + (h.teacherName() == null ? "" : " " + h.teacherName());
        String details = "班级：" + h.classFullName() + "；学科：" + h.subjectName()
                + (h.teacherName() == null ? "" : "；教师：" + h.teacherName()) + "；第" + h.period().no() + "节 "
                + HH_MM.format(h.period().start()) + "–" + HH_MM.format(h.period().end());
        return new ScheduleEntry(uid, h.start(zone), h.end(zone), title, live, ScheduleEntry.Kind.TIMETABLE, details);
    }

    static ScheduleEntry entry(BookingRows.Booking b) {
        return new ScheduleEntry(b.uid(), b.start(), b.end(), b.title(), b.live(), ScheduleEntry.Kind.BOOKING,
                "预约人：" + b.createdByName());
    }

    ZoneId zone() {
        return zone;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

package org.ketang.platform.devices.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.ScheduleEntry;
import org.ketang.platform.audit.AuditTrail;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.Directory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Booking ad-hoc recordings (预约录制) of recording classrooms. Who: device controllers of the classroom's whole
 * school, and teachers (LESSON_UPLOAD) for the recording classrooms of their own school. Rules: the end after the
 * start, at most {@link #LONGEST}, not in the past, at most {@link #AHEAD} ahead, and no overlap with another booking
 * of the classroom nor with a timetable lesson the classroom already records by itself (409 {@code booking-conflict}
 * naming what it clashes with).
 */
@Service
@Transactional
public class Bookings {

    static final Duration LONGEST = Duration.ofHours(4);
    static final Duration AHEAD = Duration.ofDays(60);
    /** A booking "for now" sent a moment late is still accepted. */
    static final Duration GRACE = Duration.ofMinutes(5);

    private static final DateTimeFormatter ZH = DateTimeFormatter.ofPattern("M月d日 HH:mm", Locale.CHINA);
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /** What someone asks to book. */
    public record Request(long classroomId, Instant start, Instant end, @Nullable String title, boolean live) {
    }

    private final BookingRows rows;
    private final Schedules schedules;
    private final ClassroomSettings settings;
    private final DeviceAccess access;
    private final Directory directory;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    Bookings(BookingRows rows, Schedules schedules, ClassroomSettings settings, DeviceAccess access,
            Directory directory, AuditTrail audit) {
        this.rows = rows;
        this.schedules = schedules;
        this.settings = settings;
        this.access = access;
        this.directory = directory;
        this.audit = audit;
    }

    public BookingRows.Booking book(Actor actor, Request request, @Nullable String ip) {
        Directory.ClassroomInfo room = bookableClassroom(actor, request.classroomId());
        Instant now = clock.instant();
        validate(request, now);
        String title = request.title() == null || request.title().isBlank() ? "预约录制"
                : Rows.clip(request.title(), 200);
        settings.lock(room.classroomId(), room.schoolId(), now);
        Optional<BookingRows.Booking> clash = rows.overlapping(room.classroomId(), request.start(), request.end())
                .stream().findFirst();
        if (clash.isPresent()) {
            BookingRows.Booking b = clash.get();
            throw conflict("与已有预约冲突：“" + b.title() + "” " + span(b.start(), b.end(), ZH) + "（" + b.createdByName()
                    + " 预约）", "Clashes with the booking “" + b.title() + "” " + span(b.start(), b.end(), EN) + " (booked by "
                    + b.createdByName() + ")", "booking", b.uid(), b.start(), b.end(), b.title());
        }
        LocalDate first = LocalDate.ofInstant(request.start(), schedules.zone());
        LocalDate last = LocalDate.ofInstant(request.end(), schedules.zone());
        Optional<ScheduleEntry> lesson = schedules.timetableEntries(room.classroomId(), first, last).stream()
                .filter(e -> e.start().isBefore(request.end()) && request.start().isBefore(e.end())).findFirst();
        if (lesson.isPresent()) {
            ScheduleEntry e = lesson.get();
            throw conflict("与课表中自动录制的课冲突：" + e.title() + " " + span(e.start(), e.end(), ZH)
                    + "。这节课会按课表自动录制，无需预约", "Clashes with a timetable lesson this classroom records by itself: "
                    + e.title() + " " + span(e.start(), e.end(), EN) + ". It is recorded without a booking",
                    "timetable", e.uid(), e.start(), e.end(), e.title());
        }
        long id = rows.insert(room.classroomId(), room.schoolId(), request.start(), request.end(), title, request.live(),
                actor.userId(), Rows.clip(actor.displayName(), 120), now);
        audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), "device.booking-created",
                room.name() + " 预约 #" + id, title + " " + span(request.start(), request.end(), ZH)
                        + (request.live() ? "（直播）" : ""), AuditTrail.Outcome.SUCCESS, room.schoolId(), ip));
        AfterCommit.run(() -> schedules.changed(room.classroomId()));
        return rows.find(id).orElseThrow();
    }

    /** Cancels a booking: its creator, or a device controller of the classroom's school. */
    public void cancel(Actor actor, long bookingId, @Nullable String ip) {
        BookingRows.Booking booking = rows.find(bookingId).filter(b -> b.cancelledAt() == null)
                .orElseThrow(() -> ApiProblem.notFound("预约", "Booking"));
        Directory.ClassroomInfo room = bookableClassroom(actor, booking.classroomId());
        boolean controls = actor.can(Permission.DEVICE_CONTROL) && actor.reachesWholeSchool(room.schoolId());
        if (!controls && booking.createdBy() != actor.userId()) {
            throw ApiProblem.forbidden();
        }
        Instant now = clock.instant();
        if (!booking.end().isAfter(now)) {
            throw ApiProblem.conflict("该预约已经结束，不能再取消", "The booking is over and cannot be cancelled");
        }
        rows.cancel(bookingId, actor.userId(), now);
        audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), "device.booking-cancelled",
                room.name() + " 预约 #" + bookingId, booking.title() + " " + span(booking.start(), booking.end(), ZH),
                AuditTrail.Outcome.SUCCESS, room.schoolId(), ip));
        AfterCommit.run(() -> schedules.changed(room.classroomId()));
    }

    /**
     * Bookings that have not ended, of the recording classrooms the actor may book or watch over: a classroom, a school
     * or (district staff) every school.
     */
    @Transactional(readOnly = true)
    public List<BookingRows.Booking> upcoming(Actor actor, @Nullable Long schoolId, @Nullable Long classroomId) {
        Instant now = clock.instant();
        if (classroomId != null) {
            Directory.ClassroomInfo room = scheduleOf(actor, classroomId);
            return rows.upcoming(room.schoolId(), room.classroomId(), now, 500);
        }
        if (!actor.can(Permission.DEVICE_VIEW)) {
            actor.require(Permission.LESSON_UPLOAD);
            Long own = actor.schoolId();
            if (own == null || (schoolId != null && !schoolId.equals(own))) {
                throw ApiProblem.forbidden();
            }
            return rows.upcoming(own, null, now, 500);
        }
        return rows.upcoming(actor.schoolToQuery(schoolId), null, now, 500);
    }

    /**
     * A classroom whose schedule and bookings the actor may see: with DEVICE_VIEW one in reach, else a recording
     * classroom the actor may book.
     */
    @Transactional(readOnly = true)
    public Directory.ClassroomInfo scheduleOf(Actor actor, long classroomId) {
        return actor.can(Permission.DEVICE_VIEW) ? access.visibleClassroom(actor, classroomId, Permission.DEVICE_VIEW)
                : bookableClassroom(actor, classroomId);
    }

    /** A recording classroom the actor may book: DEVICE_CONTROL over its school, or a teacher of its school. */
    private Directory.ClassroomInfo bookableClassroom(Actor actor, long classroomId) {
        Directory.ClassroomInfo room;
        if (actor.can(Permission.DEVICE_CONTROL)) {
            room = access.controllableClassroom(actor, classroomId);
        } else {
            actor.require(Permission.LESSON_UPLOAD);
            if (actor.can(Permission.DEVICE_AGENT)) {
                throw ApiProblem.forbidden();
            }
            room = directory.classroom(classroomId)
                    .filter(r -> actor.schoolId() != null && actor.schoolId() == r.schoolId())
                    .orElseThrow(() -> ApiProblem.notFound("教室", "Classroom"));
        }
        DeviceAccess.requireRecording(room);
        return room;
    }

    private void validate(Request r, Instant now) {
        if (!r.end().isAfter(r.start())) {
            throw ApiProblem.invalid("结束时间必须晚于开始时间", "The end must be after the start");
        }
        if (Duration.between(r.start(), r.end()).compareTo(LONGEST) > 0) {
            throw ApiProblem.invalid("一次预约最长 4 小时", "A booking lasts at most 4 hours");
        }
        if (r.start().isBefore(now.minus(GRACE))) {
            throw ApiProblem.invalid("开始时间已经过去", "The start is in the past");
        }
        if (r.start().isAfter(now.plus(AHEAD))) {
            throw ApiProblem.invalid("最多只能预约 60 天以内", "Bookings can be made at most 60 days ahead");
        }
    }

    private static ApiProblem conflict(String zh, String en, String kind, String uid, Instant start, Instant end,
            String title) {
        return new ApiProblem(HttpStatus.CONFLICT, "booking-conflict", zh, en).with("conflict",
                Map.of("kind", kind, "uid", uid, "title", title, "start", start.toString(), "end", end.toString()));
    }

    private String span(Instant start, Instant end, DateTimeFormatter format) {
        ZonedDateTime from = start.atZone(schedules.zone());
        ZonedDateTime to = end.atZone(schedules.zone());
        String until = from.toLocalDate().equals(to.toLocalDate()) ? TIME.format(to) : format.format(to);
        return format.format(from) + "–" + until;
    }
}

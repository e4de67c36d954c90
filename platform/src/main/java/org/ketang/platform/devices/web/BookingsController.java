package org.ketang.platform.devices.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.ScheduleEntry;
import org.ketang.platform.devices.internal.BookingRows;
import org.ketang.platform.devices.internal.Bookings;
import org.ketang.platform.devices.internal.Schedules;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Booking ad-hoc recordings (预约录制) and reading a recording classroom's upcoming schedule (timetable lessons it
 * records by itself, and bookings) — what its recorder will record.
 */
@RestController
@RequestMapping("/api/v1/devices")
@Tag(name = "devices", description = "设备与集控 / devices")
class BookingsController {

    private final Bookings bookings;
    private final Schedules schedules;

    BookingsController(Bookings bookings, Schedules schedules) {
        this.bookings = bookings;
        this.schedules = schedules;
    }

    /** A booking request: times are ISO-8601 instants (e.g. {@code 2026-11-25T11:00:00Z} or with an offset). */
    record BookingRequest(@Nullable Long classroomId, @Nullable Instant start, @Nullable Instant end,
            @Nullable String title, boolean live) {
    }

    /** 201 with the booking; 409 {@code booking-conflict} with {@code conflict} naming what it clashes with. */
    @PostMapping("/bookings")
    @ResponseStatus(HttpStatus.CREATED)
    BookingRows.Booking book(Actor actor, @RequestBody BookingRequest request, HttpServletRequest http) {
        if (request.classroomId() == null || request.start() == null || request.end() == null) {
            throw ApiProblem.invalid("请选择教室、开始和结束时间", "classroomId, start and end are required");
        }
        return bookings.book(actor, new Bookings.Request(request.classroomId(), request.start(), request.end(),
                request.title(), request.live()), http.getRemoteAddr());
    }

    /** Bookings that have not ended, by start: of a classroom, a school, or every school in reach. */
    @GetMapping("/bookings")
    List<BookingRows.Booking> upcoming(Actor actor, @RequestParam @Nullable Long schoolId,
            @RequestParam @Nullable Long classroomId) {
        return bookings.upcoming(actor, schoolId, classroomId);
    }

    @DeleteMapping("/bookings/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void cancel(Actor actor, @PathVariable long id, HttpServletRequest http) {
        bookings.cancel(actor, id, http.getRemoteAddr());
    }

    /** What the classroom's recorder will record from now on: the entries of its schedule that have not ended. */
    @GetMapping("/classrooms/{classroomId}/schedule")
    List<ScheduleEntry> schedule(Actor actor, @PathVariable long classroomId) {
        long room = bookings.scheduleOf(actor, classroomId).classroomId();
        Instant now = Instant.now();
        return schedules.calendar(room).entries().stream().filter(e -> e.end().isAfter(now)).toList();
    }
}

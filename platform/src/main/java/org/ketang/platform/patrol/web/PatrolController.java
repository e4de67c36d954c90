package org.ketang.platform.patrol.web;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.Directory;
import org.ketang.platform.organization.Happening;
import org.ketang.platform.organization.OrganizationSettings;
import org.ketang.platform.organization.Timetables;
import org.ketang.platform.patrol.internal.PatrolNotes;
import org.ketang.platform.patrol.internal.PatrolNotes.ReportBy;
import org.ketang.platform.patrol.internal.PatrolWall;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Patrol (督导巡课): the wall's rooms, patrol notes and their reports. Everything needs PATROL; school leaders reach
 * their own school (another school is 403, one of its rooms 404), district supervisors every school.
 */
@RestController
@RequestMapping("/api/v1/patrol")
@Tag(name = "patrol", description = "督导巡课 / patrol")
class PatrolController {

    private final PatrolWall wall;
    private final PatrolNotes notes;
    private final Directory directory;
    private final Timetables timetables;
    private final OrganizationSettings organization;
    private final Clock clock = Clock.systemUTC();

    PatrolController(PatrolWall wall, PatrolNotes notes, Directory directory, Timetables timetables,
            OrganizationSettings organization) {
        this.wall = wall;
        this.notes = notes;
        this.directory = directory;
        this.timetables = timetables;
        this.organization = organization;
    }

    /** What is taught in a room now (or in the period a note is about). */
    record Lesson(long classId, String className, long gradeId, String gradeName, long subjectId, String subjectName,
            @Nullable Long teacherStaffId, @Nullable String teacherName, int period, LocalTime startsAt,
            LocalTime endsAt, LocalDate date) {
    }

    /** A tile of the wall. */
    record RoomView(long classroomId, String classroomName, long buildingId, String buildingName, long schoolId,
            String schoolName, boolean live, @Nullable Instant liveSince, @Nullable Lesson lesson) {

        static RoomView of(PatrolWall.Room r) {
            Happening h = r.lesson();
            Lesson lesson = h == null || r.gradeId() == null ? null
                    : new Lesson(h.classId(), h.classFullName(), r.gradeId(), h.gradeName(), h.subjectId(),
                            h.subjectName(), h.teacherId(), h.teacherName(), h.period().no(), h.period().start(),
                            h.period().end(), h.date());
            return new RoomView(r.room().classroomId(), r.room().name(), r.room().buildingId(),
                    r.room().buildingName(), r.room().schoolId(), r.schoolName(), r.live(), r.liveSince(), lesson);
        }
    }

    /**
     * A note on a lesson seen: the classroom and, when given, the date and period (default: the lesson now).
     *
     * @param score out of 100
     */
    record NoteRequest(@NotNull Long classroomId, @Nullable LocalDate date, @Nullable @Min(1) @Max(20) Integer period,
            @Nullable @Min(0) @Max(100) Integer score, @Nullable @Size(max = 2000) String note) {
    }

    /**
     * The wall's rooms (recording classrooms) in reach, filtered.
     *
     * @param teachingNow only rooms the timetable has a lesson in now
     * @param live        only rooms on the air now (default)
     */
    @GetMapping("/rooms")
    List<RoomView> rooms(Actor actor, @RequestParam(required = false) Long schoolId,
            @RequestParam(required = false) Long buildingId, @RequestParam(required = false) Long gradeId,
            @RequestParam(required = false) Long subjectId, @RequestParam(defaultValue = "false") boolean teachingNow,
            @RequestParam(defaultValue = "true") boolean live) {
        actor.require(Permission.PATROL);
        Long school = actor.schoolToQuery(schoolId);
        return wall.rooms(new PatrolWall.Filter(school, buildingId, gradeId, subjectId, teachingNow, live)).stream()
                .map(RoomView::of).toList();
    }

    @PostMapping("/notes")
    @ResponseStatus(HttpStatus.CREATED)
    PatrolNotes.Note note(Actor actor, @Valid @RequestBody NoteRequest request) {
        actor.require(Permission.PATROL);
        Directory.ClassroomInfo room = directory.classroom(request.classroomId())
                .filter(r -> actor.reachesWholeSchool(r.schoolId()))
                .orElseThrow(() -> ApiProblem.notFound("该教室", "The classroom"));
        String text = request.note() == null ? "" : request.note().strip();
        if (text.isEmpty() && request.score() == null) {
            throw ApiProblem.invalid("请填写评语或评分", "Write a note or give a score");
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, organization.zone());
        if ((request.date() == null) != (request.period() == null)) {
            throw ApiProblem.invalid("日期和节次要一起填写", "Give the date and the period together");
        }
        if (request.date() != null && request.date().isAfter(today)) {
            throw ApiProblem.invalid("不能记录将来的课", "A lesson in the future cannot be noted");
        }
        Happening h = request.date() == null ? timetables.whatIsHappening(room.classroomId(), now).orElse(null)
                : timetables.lessonsIn(room.classroomId(), request.date(), request.date()).stream()
                        .filter(l -> l.period().no() == request.period()).findFirst().orElse(null);
        LocalDate date = request.date() != null ? request.date() : today;
        Integer period = h != null ? Integer.valueOf(h.period().no()) : request.period();
        return notes.add(new PatrolNotes.Note(0, room.schoolId(), room.classroomId(), room.name(), date, period,
                h == null ? null : h.classFullName(), h == null ? null : h.subjectName(),
                h == null ? null : h.teacherId(), h == null ? null : h.teacherName(), request.score(), text,
                actor.userId(), actor.displayName(), now));
    }

    @GetMapping("/notes")
    List<PatrolNotes.Note> notes(Actor actor, @RequestParam(required = false) Long schoolId,
            @RequestParam(required = false) Long teacherStaffId, @RequestParam LocalDate from,
            @RequestParam LocalDate to) {
        actor.require(Permission.PATROL);
        return notes.list(actor.schoolToQuery(schoolId), teacherStaffId, from, checked(from, to));
    }

    /** Notes per school or per teacher ({@code by} = school | teacher) over a date range. */
    @GetMapping("/reports/{by}")
    List<PatrolNotes.ReportRow> report(Actor actor, @PathVariable String by,
            @RequestParam(required = false) Long schoolId, @RequestParam LocalDate from, @RequestParam LocalDate to) {
        actor.require(Permission.PATROL);
        ReportBy kind = reportBy(by);
        List<PatrolNotes.ReportRow> rows = notes.report(kind, actor.schoolToQuery(schoolId), from, checked(from, to));
        return kind == ReportBy.SCHOOL ? rows.stream().map(r -> r.named(directory.schoolName(r.schoolId()))).toList()
                : rows;
    }

    /** The same report as CSV (UTF-8 with a byte-order mark, so that Excel shows the Chinese). */
    @GetMapping("/reports/{by}/csv")
    ResponseEntity<byte[]> reportCsv(Actor actor, @PathVariable String by,
            @RequestParam(required = false) Long schoolId, @RequestParam LocalDate from, @RequestParam LocalDate to) {
        List<PatrolNotes.ReportRow> rows = report(actor, by, schoolId, from, to);
        boolean teachers = reportBy(by) == ReportBy.TEACHER;
        StringBuilder csv = new StringBuilder("\uFEFF");
        csv.append(teachers ? "教师,学校" : "学校").append(",巡课记录,评分次数,平均分,最低分,最高分\r\n");
        for (PatrolNotes.ReportRow r : rows) {
            csv.append(cell(r.name()));
            if (teachers) {
                csv.append(',').append(cell(directory.schoolName(r.schoolId())));
            }
            csv.append(',').append(r.notes()).append(',').append(r.scored()).append(',')
                    .append(text(r.average())).append(',').append(text(r.lowest())).append(',')
                    .append(text(r.highest())).append("\r\n");
        }
        String file = "patrol-" + by.toLowerCase(Locale.ROOT) + "-" + from + "-" + to + ".csv";
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static ReportBy reportBy(String by) {
        switch (by.toLowerCase(Locale.ROOT)) {
            case "school":
                return ReportBy.SCHOOL;
            case "teacher":
                return ReportBy.TEACHER;
            default:
                throw ApiProblem.invalid("报表只能按学校(school)或教师(teacher)统计", "Report by school or teacher");
        }
    }

    private static LocalDate checked(LocalDate from, LocalDate to) {
        if (to.isBefore(from) || to.isAfter(from.plusDays(366))) {
            throw ApiProblem.invalid("日期范围应在一年之内且结束不早于开始", "The range must end after it starts, within a year");
        }
        return to;
    }

    private static String text(@Nullable Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value == null ? "" : value.toString();
    }

    /** A CSV cell; a leading = + - @ is neutralised so that a spreadsheet never runs it as a formula. */
    private static String cell(String value) {
        String safe = value.isEmpty() || "=+-@".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}

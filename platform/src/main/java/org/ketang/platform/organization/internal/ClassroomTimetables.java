package org.ketang.platform.organization.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import org.ketang.platform.organization.BellSchedule;
import org.ketang.platform.organization.Happening;
import org.ketang.platform.organization.OrganizationSettings;
import org.ketang.platform.organization.Period;
import org.ketang.platform.organization.Term;
import org.ketang.platform.organization.Timetables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link Timetables} on the database: a handful of indexed look-ups per question. */
@Service
@Transactional(readOnly = true)
class ClassroomTimetables implements Timetables {

    private final Schools schools;
    private final Calendars calendars;
    private final Lessons lessons;
    private final OrganizationSettings settings;

    ClassroomTimetables(Schools schools, Calendars calendars, Lessons lessons, OrganizationSettings settings) {
        this.schools = schools;
        this.calendars = calendars;
        this.lessons = lessons;
        this.settings = settings;
    }

    @Override
    public Optional<Happening> whatIsHappening(long classroomId, Instant at) {
        ZonedDateTime local = at.atZone(settings.zone());
        LocalDate date = local.toLocalDate();
        Optional<InTerm> found = inTerm(classroomId, date);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Classroom classroom = found.get().classroom();
        Optional<Term> term = Optional.of(found.get().term());
        BellSchedule bells = calendars.bellSchedule(classroom.schoolId());
        Optional<Period> period = bells.periodAt(local.getDayOfWeek(), local.toLocalTime());
        if (period.isEmpty()) {
            return Optional.empty();
        }
        return lessons.inClassroom(term.get().id(), local.getDayOfWeek().getValue(), period.get().no(), classroomId,
                classroom.homeClassId())
                .map(l -> new Happening(classroomId, classroom.schoolId(), term.get().id(), date, period.get(), l.classId(),
                        l.classFullName(), l.gradeName(), l.subjectId(), l.subjectCode(), l.subjectName(), l.teacherId(),
                        l.teacherName(), l.teacherUserId()));
    }

    @Override
    public List<Period> lessonPeriods(long classroomId, LocalDate date) {
        Optional<InTerm> found = inTerm(classroomId, date);
        if (found.isEmpty()) {
            return List.of();
        }
        Classroom classroom = found.get().classroom();
        Optional<Term> term = Optional.of(found.get().term());
        int weekday = date.getDayOfWeek().getValue();
        return calendars.bellSchedule(classroom.schoolId()).on(date.getDayOfWeek()).map(day -> day.periods().stream()
                .filter(p -> lessons.inClassroom(term.get().id(), weekday, p.no(), classroomId, classroom.homeClassId())
                        .isPresent())
                .toList()).orElse(List.of());
    }

    private record InTerm(Classroom classroom, Term term) {
    }

    /** The classroom and its school's term on {@code date}, or empty for an unknown room or a day outside terms. */
    private Optional<InTerm> inTerm(long classroomId, LocalDate date) {
        return schools.classroom(classroomId)
                .flatMap(room -> calendars.termOn(room.schoolId(), date).map(term -> new InTerm(room, term)));
    }
}

package org.ketang.platform.organization.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ketang.platform.organization.BellSchedule;
import org.ketang.platform.organization.DayKind;
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

    /** Which term applies on a day when terms overlap: the latest-starting one, as {@link Calendars#termOn}. */
    private static final Comparator<Term> TERM_PRECEDENCE = Comparator.comparing(Term::startDate)
            .thenComparingLong(Term::id);

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
                .map(l -> happening(classroom, term.get(), date, period.get(), l));
    }

    @Override
    public List<Happening> lessonsIn(long classroomId, LocalDate from, LocalDate to) {
        Optional<Classroom> found = schools.classroom(classroomId);
        if (found.isEmpty() || to.isBefore(from)) {
            return List.of();
        }
        Classroom classroom = found.get();
        List<Term> terms = calendars.terms(classroom.schoolId()).stream()
                .filter(t -> !t.startDate().isAfter(to) && !t.endDate().isBefore(from)).toList();
        if (terms.isEmpty()) {
            return List.of();
        }
        BellSchedule bells = calendars.bellSchedule(classroom.schoolId());
        Map<Long, Map<Integer, Lesson>> weeks = new HashMap<>();
        List<Happening> held = new ArrayList<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            LocalDate day = date;
            Optional<Term> term = terms.stream().filter(t -> t.contains(day)).max(TERM_PRECEDENCE);
            Optional<DayKind> kind = bells.on(day.getDayOfWeek());
            if (term.isEmpty() || kind.isEmpty()) {
                continue;
            }
            Map<Integer, Lesson> week = weeks.computeIfAbsent(term.get().id(),
                    id -> lessons.weekInClassroom(id, classroomId, classroom.homeClassId()));
            for (Period period : kind.get().periods()) {
                Lesson lesson = week.get(Lessons.slot(day.getDayOfWeek().getValue(), period.no()));
                if (lesson != null) {
                    held.add(happening(classroom, term.get(), day, period, lesson));
                }
            }
        }
        return List.copyOf(held);
    }

    private static Happening happening(Classroom classroom, Term term, LocalDate date, Period period, Lesson l) {
        return new Happening(classroom.id(), classroom.schoolId(), term.id(), date, period, l.classId(),
                l.classFullName(), l.gradeName(), l.subjectId(), l.subjectCode(), l.subjectName(), l.teacherId(),
                l.teacherName(), l.teacherUserId());
    }

    @Override
    public List<Period> lessonPeriods(long classroomId, LocalDate date) {
        return lessonsIn(classroomId, date, date).stream().map(Happening::period).toList();
    }

    @Override
    public boolean schoolDay(long schoolId, LocalDate date) {
        return calendars.termOn(schoolId, date).isPresent()
                && calendars.bellSchedule(schoolId).on(date.getDayOfWeek()).isPresent();
    }

    private record InTerm(Classroom classroom, Term term) {
    }

    /** The classroom and its school's term on {@code date}, or empty for an unknown room or a day outside terms. */
    private Optional<InTerm> inTerm(long classroomId, LocalDate date) {
        return schools.classroom(classroomId)
                .flatMap(room -> calendars.termOn(room.schoolId(), date).map(term -> new InTerm(room, term)));
    }
}

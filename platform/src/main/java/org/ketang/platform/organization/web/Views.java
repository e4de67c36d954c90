package org.ketang.platform.organization.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.organization.Period;
import org.ketang.platform.organization.Term;
import org.ketang.platform.organization.internal.Classroom;
import org.ketang.platform.organization.internal.Lesson;
import org.ketang.platform.organization.internal.SchoolClass;

/** Response shapes shared by the organization controllers (see docs/api-foundation.md). */
final class Views {

    static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private Views() {
    }

    record SchoolView(long id, String name, String code) {
    }

    record TermView(long id, String name, LocalDate startDate, LocalDate endDate, boolean current) {
        static TermView of(Term term, LocalDate today) {
            return new TermView(term.id(), term.name(), term.startDate(), term.endDate(), term.contains(today));
        }
    }

    record PeriodView(int no, String start, String end) {
        static PeriodView of(Period period) {
            return new PeriodView(period.no(), HH_MM.format(period.start()), HH_MM.format(period.end()));
        }
    }

    record ClassView(long id, String name, String fullName, @Nullable Long headTeacherId, @Nullable String headTeacherName,
            int studentCount) {
        static ClassView of(SchoolClass c) {
            return new ClassView(c.id(), c.name(), c.fullName(), c.headTeacherId(), c.headTeacherName(), c.studentCount());
        }
    }

    record ClassroomView(long id, long schoolId, long buildingId, String buildingName, String name, boolean recording,
            @Nullable Long homeClassId, @Nullable String homeClassFullName) {
        static ClassroomView of(Classroom r) {
            return new ClassroomView(r.id(), r.schoolId(), r.buildingId(), r.buildingName(), r.name(), r.recording(),
                    r.homeClassId(), r.homeClassFullName());
        }
    }

    record EntryView(int weekday, int period, String subject, @Nullable String teacher, @Nullable String classroom,
            String classFullName) {
        static EntryView of(Lesson l, @Nullable String homeClassroom) {
            return new EntryView(l.weekday(), l.period(), l.subjectName(), l.teacherName(),
                    l.classroomName() != null ? l.classroomName() : homeClassroom, l.classFullName());
        }
    }

    record TimetableView(String title, @Nullable TermView term, List<PeriodView> periods, List<EntryView> entries) {
    }
}

package org.ketang.platform.organization.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.organization.Term;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports a school's timetable for a term from CSV or .xlsx: every row is checked first; only a file
 * without errors is written, replacing the whole week of each class it names, in one transaction.
 */
@Service
public class TimetableImport {

    /** What was imported (or would be, on a dry run). */
    public record Result(int imported, int classes, boolean dryRun) {
    }

    private final Schools schools;
    private final People people;
    private final Calendars calendars;
    private final Lessons lessons;
    private final UserAccounts accounts;

    TimetableImport(Schools schools, People people, Calendars calendars, Lessons lessons, UserAccounts accounts) {
        this.schools = schools;
        this.people = people;
        this.calendars = calendars;
        this.lessons = lessons;
        this.accounts = accounts;
    }

    /** @throws ImportRejected with every row error when the file has any */
    @Transactional
    public Result run(long schoolId, long termId, byte[] content, @Nullable String filename, boolean dryRun) {
        Term term = calendars.term(termId).filter(t -> t.schoolId() == schoolId)
                .orElseThrow(() -> ApiProblem.notFound("学期", "Term"));
        ImportFile.Parsed parsed = ImportFile.read(content, filename, TimetableRows.COLUMNS);
        if (!parsed.errors().isEmpty()) {
            throw new ImportRejected(parsed.errors());
        }
        TimetableRows.Checked checked = TimetableRows.check(parsed.rows(), catalog(schoolId, parsed.rows()));
        if (!checked.errors().isEmpty()) {
            throw new ImportRejected(checked.errors());
        }
        if (!dryRun) {
            lessons.replace(term.id(), checked.classIds(), checked.placements());
        }
        return new Result(checked.placements().size(), checked.classIds().size(), dryRun);
    }

    private TimetableRows.Catalog catalog(long schoolId, List<ImportRow> rows) {
        Map<String, Long> classes = new HashMap<>();
        List<SchoolClass> all = schools.classes(schoolId);
        Map<String, Integer> nameCount = new HashMap<>();
        all.forEach(c -> nameCount.merge(c.name(), 1, Integer::sum));
        for (SchoolClass c : all) {
            if (nameCount.get(c.name()) == 1) {
                classes.put(c.name(), c.id());
            }
            classes.put(c.fullName(), c.id());
        }
        Map<String, Long> subjects = new HashMap<>();
        for (Subject s : schools.subjects()) {
            subjects.put(s.nameEn(), s.id());
            subjects.put(s.code(), s.id());
            subjects.put(s.name(), s.id());
        }
        List<Staff> staff = people.staff(schoolId);
        Map<String, List<Long>> teachersByName = new HashMap<>();
        staff.forEach(s -> teachersByName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s.id()));
        Map<String, Long> teachersByUsername = new HashMap<>();
        rows.stream().map(r -> r.get("teacher")).filter(t -> !t.isEmpty()).distinct().forEach(name ->
                accounts.findByUsername(name).ifPresent(account -> staff.stream()
                        .filter(s -> s.userId() != null && s.userId() == account.id()).findFirst()
                        .ifPresent(s -> teachersByUsername.put(name, s.id()))));
        Map<String, List<Long>> rooms = new HashMap<>();
        schools.classrooms(schoolId).forEach(r -> rooms.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r.id()));
        return new TimetableRows.Catalog(classes, subjects, teachersByName, teachersByUsername, rooms,
                calendars.bellSchedule(schoolId));
    }
}

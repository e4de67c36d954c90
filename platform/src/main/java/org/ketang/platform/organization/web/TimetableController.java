package org.ketang.platform.organization.web;

import static org.ketang.platform.organization.web.Guard.manages;
import static org.ketang.platform.organization.web.Guard.sees;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.ketang.platform.audit.AuditTrail;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.BellSchedule;
import org.ketang.platform.organization.DayKind;
import org.ketang.platform.organization.Happening;
import org.ketang.platform.organization.Organization;
import org.ketang.platform.organization.OrganizationSettings;
import org.ketang.platform.organization.Period;
import org.ketang.platform.organization.Reach;
import org.ketang.platform.organization.Term;
import org.ketang.platform.organization.Timetables;
import org.ketang.platform.organization.internal.Calendars;
import org.ketang.platform.organization.internal.Classroom;
import org.ketang.platform.organization.internal.ImportRejected;
import org.ketang.platform.organization.internal.Lesson;
import org.ketang.platform.organization.internal.Lessons;
import org.ketang.platform.organization.internal.People;
import org.ketang.platform.organization.internal.SchoolClass;
import org.ketang.platform.organization.internal.Schools;
import org.ketang.platform.organization.internal.Student;
import org.ketang.platform.organization.internal.TimetableImport;
import org.ketang.platform.organization.web.Views.ClassroomView;
import org.ketang.platform.organization.web.Views.EntryView;
import org.ketang.platform.organization.web.Views.PeriodView;
import org.ketang.platform.organization.web.Views.TermView;
import org.ketang.platform.organization.web.Views.TimetableView;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Terms, bell schedules, class timetables, the timetable import and what is happening in a classroom now. */
@RestController
@RequestMapping("/api/v1")
class TimetableController {

    private final Schools schools;
    private final People people;
    private final Calendars calendars;
    private final Lessons lessons;
    private final Organization organization;
    private final TimetableImport timetableImport;
    private final Timetables timetables;
    private final Reach reach;
    private final OrganizationSettings settings;
    private final AuditTrail audit;

    TimetableController(Schools schools, People people, Calendars calendars, Lessons lessons, Organization organization,
            TimetableImport timetableImport, Timetables timetables, Reach reach, OrganizationSettings settings,
            AuditTrail audit) {
        this.schools = schools;
        this.people = people;
        this.calendars = calendars;
        this.lessons = lessons;
        this.organization = organization;
        this.timetableImport = timetableImport;
        this.timetables = timetables;
        this.reach = reach;
        this.settings = settings;
        this.audit = audit;
    }

    record DayKindBody(@NotBlank @Size(max = 40) String name, @NotNull List<Integer> weekdays,
            @NotNull List<PeriodView> periods) {
    }

    record BellScheduleBody(@Nullable Long termId, @NotNull @Valid List<DayKindBody> dayKinds) {
    }

    record NewTerm(@NotBlank @Size(max = 60) String name, @NotNull LocalDate startDate, @NotNull LocalDate endDate) {
    }

    record ImportAnswer(int imported, int classes, boolean dryRun) {
    }

    record ClassRef(long id, String fullName, String gradeName) {
    }

    record TeacherRef(@Nullable Long id, @Nullable String name) {
    }

    @GetMapping("/schools/{id}/bell-schedule")
    BellScheduleBody bellSchedule(Actor actor, @PathVariable long id) {
        actor.require(Permission.TIMETABLE_VIEW);
        sees(reach.of(actor), id);
        return view(id);
    }

    @PutMapping("/schools/{id}/bell-schedule")
    BellScheduleBody setBellSchedule(Actor actor, @PathVariable long id, @Valid @RequestBody BellScheduleBody body) {
        actor.require(Permission.TIMETABLE_MANAGE);
        manages(reach.of(actor), id);
        BellSchedule schedule;
        try {
            schedule = new BellSchedule(body.dayKinds().stream().map(k -> new DayKind(k.name(),
                    k.weekdays().stream().map(DayOfWeek::of).collect(Collectors.toSet()),
                    k.periods().stream().map(p -> new Period(p.no(), LocalTime.parse(p.start()), LocalTime.parse(p.end())))
                            .toList()))
                    .toList());
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw ApiProblem.invalid("作息时间不正确：" + e.getMessage(), "The bell schedule is not valid: " + e.getMessage());
        }
        organization.setBellSchedule(id, schedule);
        return view(id);
    }

    private BellScheduleBody view(long schoolId) {
        Long termId = calendars.defaultTerm(schoolId, today()).map(Term::id).orElse(null);
        return new BellScheduleBody(termId, calendars.bellSchedule(schoolId).dayKinds().stream()
                .map(k -> new DayKindBody(k.name(), k.weekdays().stream().map(DayOfWeek::getValue).sorted().toList(),
                        k.periods().stream().map(PeriodView::of).toList()))
                .toList());
    }

    @PostMapping("/schools/{id}/terms")
    @ResponseStatus(HttpStatus.CREATED)
    TermView addTerm(Actor actor, @PathVariable long id, @Valid @RequestBody NewTerm body) {
        actor.require(Permission.TIMETABLE_MANAGE);
        manages(reach.of(actor), id);
        long termId = organization.addTerm(id, body.name(), body.startDate(), body.endDate());
        return TermView.of(calendars.term(termId).orElseThrow(), today());
    }

    @GetMapping("/classes/{id}/timetable")
    TimetableView classTimetable(Actor actor, @PathVariable long id, @RequestParam(required = false) @Nullable Long termId) {
        // parents hold HOMESCHOOL_USE but not TIMETABLE_VIEW; Reach limits them to their children's classes
        if (!actor.can(Permission.TIMETABLE_VIEW) && !actor.can(Permission.HOMESCHOOL_USE)) {
            throw org.ketang.platform.http.ApiProblem.forbidden();
        }
        SchoolClass schoolClass = schools.schoolClass(id).filter(c -> reach.of(actor).schoolClass(c.id(), c.schoolId()))
                .orElseThrow(() -> ApiProblem.notFound("班级", "Class"));
        Optional<Term> term = termId == null ? calendars.defaultTerm(schoolClass.schoolId(), today())
                : calendars.term(termId).filter(t -> t.schoolId() == schoolClass.schoolId());
        if (termId != null && term.isEmpty()) {
            throw ApiProblem.notFound("学期", "Term");
        }
        String home = schools.homeClassroomOf(id).map(Classroom::name).orElse(null);
        List<EntryView> entries = term.map(t -> lessons.ofClass(t.id(), id)).orElse(List.of()).stream()
                .map(l -> EntryView.of(l, home)).toList();
        return new TimetableView(schoolClass.fullName() + "课表", term.map(t -> TermView.of(t, today())).orElse(null),
                calendars.bellSchedule(schoolClass.schoolId()).mainPeriods().stream().map(PeriodView::of).toList(), entries);
    }

    @PostMapping("/schools/{id}/imports/timetable")
    ImportAnswer importTimetable(Actor actor, @PathVariable long id, @RequestParam("file") MultipartFile file,
            @RequestParam(required = false) @Nullable Long termId, @RequestParam(defaultValue = "false") boolean dryRun)
            throws IOException {
        actor.require(Permission.TIMETABLE_MANAGE);
        manages(reach.of(actor), id);
        long term = termId != null ? termId
                : calendars.defaultTerm(id, today()).map(Term::id)
                        .orElseThrow(() -> ApiProblem.invalid("请先创建学期", "Create a term first"));
        TimetableImport.Result result;
        try {
            result = timetableImport.run(id, term, file.getBytes(), file.getOriginalFilename(), dryRun);
        } catch (ImportRejected e) {
            throw ImportProblems.rejected(e);
        }
        if (!dryRun) {
            audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), "organization.timetable-imported",
                    "school " + id + ", term " + term, result.imported() + " lessons in " + result.classes() + " classes",
                    AuditTrail.Outcome.SUCCESS, id, null));
        }
        return new ImportAnswer(result.imported(), result.classes(), result.dryRun());
    }

    /** The answer of {@code /classrooms/{id}/now}; {@code class} is a Java keyword, hence the rename. */
    record NowView(boolean happening, ClassroomView classroom, @Nullable PeriodView period,
            @JsonProperty("class") @Nullable ClassRef schoolClass, @Nullable String subject,
            @Nullable TeacherRef teacher) {
    }

    @GetMapping("/classrooms/{id}/now")
    NowView now(Actor actor, @PathVariable long id, @RequestParam(required = false) @Nullable String at) {
        actor.require(Permission.TIMETABLE_VIEW);
        Classroom room = schools.classroom(id).filter(r -> reach.of(actor).classroom(r.id(), r.schoolId()))
                .orElseThrow(() -> ApiProblem.notFound("教室", "Classroom"));
        Optional<Happening> happening = timetables.whatIsHappening(id, parseInstant(at));
        return new NowView(happening.isPresent(), ClassroomView.of(room),
                happening.map(h -> PeriodView.of(h.period())).orElse(null),
                happening.map(h -> new ClassRef(h.classId(), h.classFullName(), h.gradeName())).orElse(null),
                happening.map(Happening::subjectName).orElse(null),
                happening.filter(h -> h.teacherId() != null).map(h -> new TeacherRef(h.teacherId(), h.teacherName()))
                        .orElse(null));
    }

    private static Instant parseInstant(@Nullable String at) {
        if (at == null || at.isBlank()) {
            return Instant.now();
        }
        try {
            // an unencoded '+' in a query string arrives as a space
            return OffsetDateTime.parse(at.strip().replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid("时间格式不正确：" + at, "Not a date-time with offset: " + at);
        }
    }

    @GetMapping("/me/timetable")
    TimetableView myTimetable(Actor actor) {
        List<Long> staffIds = people.staffIdsOfUser(actor.userId());
        if (!staffIds.isEmpty()) {
            List<Lesson> mine = lessons.ofTeachers(staffIds, today());
            Long schoolId = people.staffMember(staffIds.get(0)).map(s -> s.schoolId()).orElse(null);
            Optional<Term> term = schoolId == null ? Optional.empty() : calendars.termOn(schoolId, today());
            List<EntryView> entries = new ArrayList<>();
            Map<Long, String> homes = new HashMap<>();
            for (Lesson l : mine) {
                String home = homes.computeIfAbsent(l.classId(),
                        c -> schools.homeClassroomOf(c).map(Classroom::name).orElse(""));
                entries.add(EntryView.of(l, home.isEmpty() ? null : home));
            }
            return new TimetableView("我的课表", term.map(t -> TermView.of(t, today())).orElse(null),
                    schoolId == null ? List.of()
                            : calendars.bellSchedule(schoolId).mainPeriods().stream().map(PeriodView::of).toList(),
                    entries);
        }
        List<Student> asStudent = people.studentsOfUser(actor.userId());
        if (!asStudent.isEmpty()) {
            Student me = asStudent.get(0);
            return classTimetableOf(me.classId(), me.schoolId());
        }
        // principals, researchers, parents…: no lessons of their own is an empty week, not an error
        return new TimetableView("我的课表", null, List.of(), List.of());
    }

    private TimetableView classTimetableOf(long classId, long schoolId) {
        SchoolClass schoolClass = schools.schoolClass(classId).orElseThrow();
        Optional<Term> term = calendars.defaultTerm(schoolId, today());
        String home = schools.homeClassroomOf(classId).map(Classroom::name).orElse(null);
        return new TimetableView(schoolClass.fullName() + "课表", term.map(t -> TermView.of(t, today())).orElse(null),
                calendars.bellSchedule(schoolId).mainPeriods().stream().map(PeriodView::of).toList(),
                term.map(t -> lessons.ofClass(t.id(), classId)).orElse(List.of()).stream().map(l -> EntryView.of(l, home))
                        .toList());
    }

    private LocalDate today() {
        return LocalDate.now(settings.zone());
    }

}

package org.ketang.platform.organization.web;

import static org.ketang.platform.organization.web.Guard.manages;
import static org.ketang.platform.organization.web.Guard.sees;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.Organization;
import org.ketang.platform.organization.OrganizationSettings;
import org.ketang.platform.organization.Reach;
import org.ketang.platform.organization.internal.Calendars;
import org.ketang.platform.organization.internal.Classroom;
import org.ketang.platform.organization.internal.Grade;
import org.ketang.platform.organization.internal.SchoolClass;
import org.ketang.platform.organization.internal.Schools;
import org.ketang.platform.organization.web.Views.ClassView;
import org.ketang.platform.organization.web.Views.ClassroomView;
import org.ketang.platform.organization.web.Views.SchoolView;
import org.ketang.platform.organization.web.Views.TermView;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Schools and their structure: grades, classes, buildings, classrooms; and the subjects. */
@RestController
@RequestMapping("/api/v1")
class SchoolsController {

    private final Schools schools;
    private final Calendars calendars;
    private final Organization organization;
    private final Reach reach;
    private final OrganizationSettings settings;

    SchoolsController(Schools schools, Calendars calendars, Organization organization, Reach reach,
            OrganizationSettings settings) {
        this.schools = schools;
        this.calendars = calendars;
        this.organization = organization;
        this.reach = reach;
        this.settings = settings;
    }

    record NewSchool(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 40) String code) {
    }

    record NewGrade(@NotBlank @Size(max = 40) String name, @Min(1) @Max(12) int level) {
    }

    record NewClass(@NotBlank @Size(max = 40) String name) {
    }

    record HeadTeacher(@NotNull Long staffId) {
    }

    record NewBuilding(@NotBlank @Size(max = 60) String name) {
    }

    record ClassroomBody(@NotNull Long buildingId, @NotBlank @Size(max = 60) String name, boolean recording,
            @Nullable Long homeClassId) {
    }

    record GradeView(long id, String name, int level, List<ClassView> classes) {
    }

    record SubjectView(long id, String code, String name, String nameEn) {
    }

    record BuildingView(long id, String name, List<ClassroomView> classrooms) {
    }

    record Structure(SchoolView school, List<GradeView> grades, List<SubjectView> subjects, List<TermView> terms,
            List<BuildingView> buildings) {
    }

    @GetMapping("/schools")
    List<SchoolView> schools(Actor actor) {
        actor.require(Permission.ORGANIZATION_VIEW);
        Reach.Visible visible = reach.of(actor);
        return schools.all().stream().filter(s -> visible.school(s.id()))
                .map(s -> new SchoolView(s.id(), s.name(), s.code())).toList();
    }

    @PostMapping("/schools")
    @ResponseStatus(HttpStatus.CREATED)
    SchoolView createSchool(Actor actor, @Valid @RequestBody NewSchool body) {
        actor.require(Permission.ORGANIZATION_MANAGE);
        if (!actor.isDistrictWide()) {
            throw ApiProblem.forbidden();
        }
        long id = organization.createSchool(body.name(), body.code());
        return new SchoolView(id, body.name().strip(), body.code().strip());
    }

    @GetMapping("/schools/{id}/structure")
    Structure structure(Actor actor, @PathVariable long id) {
        actor.require(Permission.ORGANIZATION_VIEW);
        Reach.Visible visible = reach.of(actor);
        sees(visible, id);
        var school = schools.find(id).orElseThrow(() -> ApiProblem.notFound("学校", "School"));
        List<SchoolClass> classes = schools.classes(id).stream().filter(c -> visible.schoolClass(c.id(), id)).toList();
        List<GradeView> grades = schools.grades(id).stream().map(g -> new GradeView(g.id(), g.name(), g.level(),
                classes.stream().filter(c -> c.gradeId() == g.id()).map(ClassView::of).toList())).toList();
        List<Classroom> rooms = schools.classrooms(id).stream().filter(r -> visible.classroom(r.id(), id)).toList();
        List<BuildingView> buildings = schools.buildings(id).stream()
                .map(b -> new BuildingView(b.id(), b.name(), rooms.stream().filter(r -> r.buildingId() == b.id())
                        .map(ClassroomView::of).toList()))
                .filter(b -> visible.wholeSchool(id) || !b.classrooms().isEmpty()).toList();
        LocalDate today = LocalDate.now(settings.zone());
        return new Structure(new SchoolView(school.id(), school.name(), school.code()), grades, subjects(actor),
                calendars.terms(id).stream().map(t -> TermView.of(t, today)).toList(), buildings);
    }

    @PostMapping("/schools/{id}/grades")
    @ResponseStatus(HttpStatus.CREATED)
    GradeView addGrade(Actor actor, @PathVariable long id, @Valid @RequestBody NewGrade body) {
        actor.require(Permission.ORGANIZATION_MANAGE);
        manages(reach.of(actor), id);
        long gradeId = organization.addGrade(id, body.name(), body.level());
        return new GradeView(gradeId, body.name().strip(), body.level(), List.of());
    }

    @PostMapping("/grades/{id}/classes")
    @ResponseStatus(HttpStatus.CREATED)
    ClassView addClass(Actor actor, @PathVariable long id, @Valid @RequestBody NewClass body) {
        actor.require(Permission.ORGANIZATION_MANAGE);
        Grade grade = schools.grade(id).orElseThrow(() -> ApiProblem.notFound("年级", "Grade"));
        manages(reach.of(actor), grade.schoolId());
        long classId = organization.addClass(id, body.name());
        return ClassView.of(schools.schoolClass(classId).orElseThrow());
    }

    @PutMapping("/classes/{id}/head-teacher")
    ClassView setHeadTeacher(Actor actor, @PathVariable long id, @Valid @RequestBody HeadTeacher body) {
        actor.require(Permission.ORGANIZATION_MANAGE);
        SchoolClass schoolClass = schools.schoolClass(id).orElseThrow(() -> ApiProblem.notFound("班级", "Class"));
        manages(reach.of(actor), schoolClass.schoolId());
        organization.setHeadTeacher(id, body.staffId());
        return ClassView.of(schools.schoolClass(id).orElseThrow());
    }

    @PostMapping("/schools/{id}/buildings")
    @ResponseStatus(HttpStatus.CREATED)
    BuildingView addBuilding(Actor actor, @PathVariable long id, @Valid @RequestBody NewBuilding body) {
        actor.require(Permission.ORGANIZATION_MANAGE);
        manages(reach.of(actor), id);
        return new BuildingView(organization.addBuilding(id, body.name()), body.name().strip(), List.of());
    }

    @PostMapping("/schools/{id}/classrooms")
    @ResponseStatus(HttpStatus.CREATED)
    ClassroomView addClassroom(Actor actor, @PathVariable long id, @Valid @RequestBody ClassroomBody body) {
        actor.require(Permission.ORGANIZATION_MANAGE);
        manages(reach.of(actor), id);
        long roomId = organization.addClassroom(id, body.buildingId(), body.name(), body.recording(), body.homeClassId());
        return ClassroomView.of(schools.classroom(roomId).orElseThrow());
    }

    @PutMapping("/classrooms/{id}")
    ClassroomView updateClassroom(Actor actor, @PathVariable long id, @Valid @RequestBody ClassroomBody body) {
        actor.require(Permission.ORGANIZATION_MANAGE);
        Classroom room = schools.classroom(id).orElseThrow(() -> ApiProblem.notFound("教室", "Classroom"));
        manages(reach.of(actor), room.schoolId());
        organization.updateClassroom(id, body.buildingId(), body.name(), body.recording(), body.homeClassId());
        return ClassroomView.of(schools.classroom(id).orElseThrow());
    }

    @GetMapping("/subjects")
    List<SubjectView> subjects(Actor actor) {
        actor.require(Permission.ORGANIZATION_VIEW);
        return schools.subjects().stream().map(s -> new SubjectView(s.id(), s.code(), s.name(), s.nameEn())).toList();
    }
}

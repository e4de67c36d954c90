package org.ketang.platform.organization.web;

import static org.ketang.platform.organization.web.Guard.manages;
import static org.ketang.platform.organization.web.Guard.sees;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.audit.AuditTrail;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.organization.Reach;
import org.ketang.platform.organization.internal.Guardian;
import org.ketang.platform.organization.internal.ImportRejected;
import org.ketang.platform.organization.internal.PeopleImport;
import org.ketang.platform.organization.internal.People;
import org.ketang.platform.organization.internal.SchoolClass;
import org.ketang.platform.organization.internal.Schools;
import org.ketang.platform.organization.internal.Student;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Staff, students and parents of a school, the people import, and a parent's children. */
@RestController
@RequestMapping("/api/v1")
class PeopleController {

    private final People people;
    private final Schools schools;
    private final PeopleImport peopleImport;
    private final UserAccounts accounts;
    private final Reach reach;
    private final AuditTrail audit;

    PeopleController(People people, Schools schools, PeopleImport peopleImport, UserAccounts accounts, Reach reach,
            AuditTrail audit) {
        this.people = people;
        this.schools = schools;
        this.peopleImport = peopleImport;
        this.accounts = accounts;
        this.reach = reach;
        this.audit = audit;
    }

    record StaffView(long id, @Nullable Long userId, @Nullable String username, String name, @Nullable String phone,
            List<String> subjects, List<String> headOf) {
    }

    record GuardianView(String name, @Nullable String phone, String relation) {
    }

    record StudentView(long id, @Nullable Long userId, String studentNo, String name, long classId, String classFullName,
            List<GuardianView> guardians) {
    }

    record ChildView(long studentId, String name, String classFullName, String schoolName) {
    }

    record Created(int teachers, int students, int parents) {
    }

    record ImportAnswer(int imported, Created created, boolean dryRun, List<PeopleImport.CreatedAccount> accounts) {
    }

    @GetMapping("/schools/{id}/staff")
    List<StaffView> staff(Actor actor, @PathVariable long id) {
        actor.require(Permission.PEOPLE_VIEW);
        sees(reach.of(actor), id);
        Map<Long, List<String>> headOf = schools.classes(id).stream().filter(c -> c.headTeacherId() != null)
                .collect(Collectors.groupingBy(SchoolClass::headTeacherId,
                        Collectors.mapping(SchoolClass::fullName, Collectors.toList())));
        return people.staff(id).stream().map(s -> new StaffView(s.id(), s.userId(),
                s.userId() == null ? null : accounts.find(s.userId()).map(UserAccounts.Account::username).orElse(null),
                s.name(), s.phone(), s.subjects(), headOf.getOrDefault(s.id(), List.of()))).toList();
    }

    @GetMapping("/schools/{id}/students")
    List<StudentView> students(Actor actor, @PathVariable long id, @RequestParam(required = false) @Nullable Long classId) {
        actor.require(Permission.PEOPLE_VIEW);
        Reach.Visible visible = reach.of(actor);
        sees(visible, id);
        List<Student> students = people.students(id, classId).stream()
                .filter(s -> visible.student(s.id(), s.classId(), s.schoolId())).toList();
        Map<Long, List<Guardian>> guardians = people.guardiansOf(students.stream().map(Student::id).toList()).stream()
                .collect(Collectors.groupingBy(Guardian::studentId));
        return students.stream().map(s -> new StudentView(s.id(), s.userId(), s.studentNo(), s.name(), s.classId(),
                s.classFullName(), guardians.getOrDefault(s.id(), List.of()).stream()
                        .map(g -> new GuardianView(g.name(), g.phone(), g.relation())).toList()))
                .toList();
    }

    @PostMapping("/schools/{id}/imports/people")
    ImportAnswer importPeople(Actor actor, @PathVariable long id, @RequestParam("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun) throws IOException {
        actor.require(Permission.PEOPLE_MANAGE);
        manages(reach.of(actor), id);
        PeopleImport.Result result;
        try {
            result = peopleImport.run(id, file.getBytes(), file.getOriginalFilename(), dryRun);
        } catch (ImportRejected e) {
            throw ImportProblems.rejected(e);
        }
        if (!dryRun) {
            audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), "organization.people-imported",
                    "school " + id, result.teachers() + " teachers, " + result.students() + " students, "
                            + result.parents() + " parents", AuditTrail.Outcome.SUCCESS, id, null));
        }
        return new ImportAnswer(result.imported(), new Created(result.teachers(), result.students(), result.parents()),
                result.dryRun(), result.accounts());
    }

    @GetMapping("/me/children")
    List<ChildView> children(Actor actor) {
        actor.require(Permission.HOMESCHOOL_USE);
        return people.childrenOfUser(actor.userId()).stream().map(s -> new ChildView(s.id(), s.name(), s.classFullName(),
                schools.find(s.schoolId()).map(school -> school.name()).orElse(""))).toList();
    }
}

package org.ketang.platform.organization.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.identity.UserAccounts.NewAccount;
import org.ketang.platform.organization.internal.PeopleRows.Kind;
import org.ketang.platform.organization.internal.PeopleRows.Person;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports teachers, students and parents with their accounts. Every row is checked first; then accounts
 * (identity module) and records are written in one transaction on the shared DataSource, so a failure
 * anywhere leaves nothing behind. Missing usernames become a prefix and a number (t1001, s1001, p1001);
 * every new account gets a random initial password, returned once in the result, and must change it.
 */
@Service
public class PeopleImport {

    private static final String PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A created account, shown once to the person who imported the file. */
    public record CreatedAccount(int row, String type, String name, String username, String initialPassword) {
    }

    public record Result(int imported, int teachers, int students, int parents, boolean dryRun,
            List<CreatedAccount> accounts) {
    }

    private final Schools schools;
    private final People people;
    private final UserAccounts accounts;

    PeopleImport(Schools schools, People people, UserAccounts accounts) {
        this.schools = schools;
        this.people = people;
        this.accounts = accounts;
    }

    /** @throws ImportRejected with every row error when the file has any */
    @Transactional
    public Result run(long schoolId, byte[] content, @Nullable String filename, boolean dryRun) {
        schools.find(schoolId).orElseThrow(() -> ApiProblem.notFound("学校", "School"));
        ImportFile.Parsed parsed = ImportFile.read(content, filename, PeopleRows.COLUMNS);
        if (!parsed.errors().isEmpty()) {
            throw new ImportRejected(parsed.errors());
        }
        Map<String, Long> classes = new HashMap<>();
        for (SchoolClass c : schools.classes(schoolId)) {
            classes.putIfAbsent(c.name(), c.id());
            classes.put(c.fullName(), c.id());
        }
        Map<String, Long> subjects = new HashMap<>();
        for (Subject s : schools.subjects()) {
            subjects.put(s.nameEn(), s.id());
            subjects.put(s.code(), s.id());
            subjects.put(s.name(), s.id());
        }
        Set<String> studentNos = new HashSet<>();
        people.students(schoolId, null).forEach(s -> studentNos.add(s.studentNo()));
        PeopleRows.Checked checked = PeopleRows.check(parsed.rows(),
                new PeopleRows.Catalog(classes, subjects, studentNos, u -> accounts.findByUsername(u).isPresent()));
        if (!checked.errors().isEmpty()) {
            throw new ImportRejected(checked.errors());
        }
        int teachers = (int) checked.people().stream().filter(p -> p.kind() == Kind.TEACHER).count();
        int students = (int) checked.people().stream().filter(p -> p.kind() == Kind.STUDENT).count();
        int parents = (int) checked.people().stream().filter(p -> p.kind() == Kind.PARENT).count();
        if (dryRun) {
            return new Result(checked.people().size(), teachers, students, parents, true, List.of());
        }
        return new Result(checked.people().size(), teachers, students, parents, false, write(schoolId, checked.people()));
    }

    private List<CreatedAccount> write(long schoolId, List<Person> persons) {
        List<CreatedAccount> created = new ArrayList<>();
        Set<String> reserved = new HashSet<>();
        persons.stream().map(Person::username).filter(u -> u != null).forEach(reserved::add);
        Map<String, Long> studentIdByNo = new HashMap<>();
        Map<String, Integer> next = new HashMap<>();
        // students before parents, so that a parent can name a child further down the file
        List<Person> ordered = new ArrayList<>(persons);
        ordered.sort(java.util.Comparator.comparingInt(p -> p.kind() == Kind.PARENT ? 1 : 0));
        for (Person p : ordered) {
            String username = p.username() != null ? p.username() : freeUsername(prefix(p.kind()), reserved, next);
            String password = randomPassword();
            Set<String> roles = new LinkedHashSet<>();
            switch (p.kind()) {
                case TEACHER -> {
                    roles.add(BuiltInRole.TEACHER.code());
                    if (p.classId() != null) {
                        roles.add(BuiltInRole.HEAD_TEACHER.code());
                    }
                }
                case STUDENT -> roles.add(BuiltInRole.STUDENT.code());
                case PARENT -> roles.add(BuiltInRole.PARENT.code());
            }
            long userId;
            try {
                userId = accounts.create(new NewAccount(username, p.phone(), p.name(), password, schoolId, roles, true));
            } catch (IllegalArgumentException e) {
                // e.g. a phone number already used by another account: the transaction rolls back
                throw new ImportRejected(List.of(ImportError.at(p.row(), "无法创建账号：" + e.getMessage(),
                        "cannot create the account: " + e.getMessage())));
            }
            switch (p.kind()) {
                case TEACHER -> {
                    long staffId = people.addStaff(schoolId, userId, p.name(), p.phone(), p.subjectIds());
                    if (p.classId() != null) {
                        schools.setHeadTeacher(p.classId(), staffId);
                    }
                }
                case STUDENT -> studentIdByNo.put(p.studentNos().get(0),
                        people.addStudent(schoolId, p.classId(), userId, p.studentNos().get(0), p.name()));
                case PARENT -> {
                    long guardianId = people.addGuardian(userId, p.name(), p.phone());
                    for (String no : p.studentNos()) {
                        Long studentId = studentIdByNo.get(no);
                        if (studentId == null) {
                            studentId = people.studentByNo(schoolId, no).orElseThrow().id();
                        }
                        people.link(guardianId, studentId, p.relation());
                    }
                }
            }
            created.add(new CreatedAccount(p.row(), p.kind().name().toLowerCase(java.util.Locale.ROOT), p.name(),
                    username, password));
        }
        created.sort(java.util.Comparator.comparingInt(CreatedAccount::row));
        return created;
    }

    private static String prefix(Kind kind) {
        return switch (kind) {
            case TEACHER -> "t";
            case STUDENT -> "s";
            case PARENT -> "p";
        };
    }

    private String freeUsername(String prefix, Set<String> reserved, Map<String, Integer> next) {
        for (int n = next.getOrDefault(prefix, 1001);; n++) {
            String candidate = prefix + n;
            if (!reserved.contains(candidate) && accounts.findByUsername(candidate).isEmpty()) {
                reserved.add(candidate);
                next.put(prefix, n + 1);
                return candidate;
            }
        }
    }

    static String randomPassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}

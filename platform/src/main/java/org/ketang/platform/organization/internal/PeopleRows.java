package org.ketang.platform.organization.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Checks every row of a people file (teachers, students, parents) before anything is written. Pure: the
 * school's names come in a {@link Catalog}.
 */
public final class PeopleRows {

    public static final List<ImportColumn> COLUMNS = List.of(
            ImportColumn.required("type", "类型", "type"),
            ImportColumn.required("name", "姓名", "name"),
            ImportColumn.optional("username", "用户名", "username"),
            ImportColumn.optional("phone", "手机", "手机号", "电话", "phone", "mobile"),
            ImportColumn.optional("class", "班级", "class"),
            ImportColumn.optional("studentNo", "学号", "studentNo", "student no", "studentNumber"),
            ImportColumn.optional("subjects", "学科", "科目", "subjects", "subject"),
            ImportColumn.optional("relation", "关系", "relation"));

    /** Separators between several subjects or student numbers in one cell. */
    private static final String LIST_SEPARATORS = "[、,，;；/\\s]+";

    public enum Kind {
        TEACHER, STUDENT, PARENT
    }

    /** A person to create; {@code classId} is the student's class or the class a teacher heads. */
    public record Person(int row, Kind kind, String name, @Nullable String username, @Nullable String phone,
            @Nullable Long classId, List<String> studentNos, List<Long> subjectIds, String relation) {
    }

    public record Catalog(Map<String, Long> classes, Map<String, Long> subjects, Set<String> existingStudentNos,
            Predicate<String> usernameTaken) {
    }

    public record Checked(List<Person> people, List<ImportError> errors) {
    }

    private PeopleRows() {
    }

    public static Checked check(List<ImportRow> rows, Catalog catalog) {
        List<ImportError> errors = new ArrayList<>();
        List<Person> people = new ArrayList<>();
        Map<String, Integer> usernames = new HashMap<>();
        Map<String, Integer> phones = new HashMap<>();
        Map<String, Integer> studentNos = new HashMap<>();
        Map<Long, Integer> headedClasses = new HashMap<>();
        if (rows.isEmpty()) {
            errors.add(ImportError.at(2, "没有数据行", "no data rows"));
        }
        for (ImportRow row : rows) {
            int n = row.row();
            Kind kind = kind(row.get("type"));
            String name = row.get("name");
            if (kind == null) {
                errors.add(ImportError.at(n, "未知类型 " + row.get("type") + "（应为 教师、学生 或 家长）",
                        "unknown type " + row.get("type") + " (teacher, student or parent)"));
            }
            if (name.isEmpty()) {
                errors.add(ImportError.at(n, "缺少姓名", "name is missing"));
            }
            String username = row.get("username");
            if (!username.isEmpty()) {
                if (!username.matches("[A-Za-z0-9_.\\-@]{2,64}")) {
                    errors.add(ImportError.at(n, "用户名 " + username + " 只能包含字母、数字、_ . - @（2–64 个字符）",
                            "username " + username + " may only contain letters, digits, _ . - @ (2–64 characters)"));
                } else if (usernames.containsKey(username.toLowerCase(Locale.ROOT))) {
                    errors.add(ImportError.at(n, "用户名 " + username + " 与第" + usernames.get(username.toLowerCase(Locale.ROOT))
                            + "行重复", "username " + username + " repeats row " + usernames.get(username.toLowerCase(Locale.ROOT))));
                } else if (catalog.usernameTaken().test(username)) {
                    errors.add(ImportError.at(n, "用户名 " + username + " 已被使用", "username " + username + " is already taken"));
                }
                usernames.putIfAbsent(username.toLowerCase(Locale.ROOT), n);
            }
            String phone = row.get("phone").replaceAll("[\\s\\-]", "");
            if (!phone.isEmpty()) {
                if (!phone.matches("\\+?[0-9]{5,20}")) {
                    errors.add(ImportError.at(n, "手机号 " + row.get("phone") + " 格式不正确", "phone " + row.get("phone") + " is not valid"));
                } else if (phones.containsKey(phone)) {
                    errors.add(ImportError.at(n, "手机号 " + phone + " 与第" + phones.get(phone) + "行重复",
                            "phone " + phone + " repeats row " + phones.get(phone)));
                }
                phones.putIfAbsent(phone, n);
            }
            if (kind == null) {
                continue;
            }
            Long classId = null;
            String className = row.get("class");
            if (!className.isEmpty()) {
                classId = catalog.classes().get(className);
                if (classId == null) {
                    errors.add(ImportError.at(n, "未知班级 " + className, "unknown class " + className));
                }
            }
            List<String> numbers = split(row.get("studentNo"));
            List<Long> subjectIds = new ArrayList<>();
            switch (kind) {
                case TEACHER -> {
                    for (String subject : split(row.get("subjects"))) {
                        Long id = catalog.subjects().get(subject);
                        if (id == null) {
                            errors.add(ImportError.at(n, "未知学科 " + subject, "unknown subject " + subject));
                        } else {
                            subjectIds.add(id);
                        }
                    }
                    if (classId != null && headedClasses.putIfAbsent(classId, n) != null) {
                        errors.add(ImportError.at(n, className + " 已在第" + headedClasses.get(classId) + "行指定班主任",
                                className + " already has a head teacher in row " + headedClasses.get(classId)));
                    }
                }
                case STUDENT -> {
                    if (className.isEmpty()) {
                        errors.add(ImportError.at(n, "学生缺少班级", "a student needs a class"));
                    }
                    if (numbers.size() != 1) {
                        errors.add(ImportError.at(n, "学生需要一个学号", "a student needs one student number"));
                    } else if (studentNos.containsKey(numbers.get(0))) {
                        errors.add(ImportError.at(n, "学号 " + numbers.get(0) + " 与第" + studentNos.get(numbers.get(0)) + "行重复",
                                "student number " + numbers.get(0) + " repeats row " + studentNos.get(numbers.get(0))));
                    } else if (catalog.existingStudentNos().contains(numbers.get(0))) {
                        errors.add(ImportError.at(n, "学号 " + numbers.get(0) + " 已存在", "student number " + numbers.get(0) + " already exists"));
                    } else {
                        studentNos.put(numbers.get(0), n);
                    }
                }
                case PARENT -> {
                    if (numbers.isEmpty()) {
                        errors.add(ImportError.at(n, "家长需要填写孩子的学号", "a parent needs their child's student number"));
                    }
                }
            }
            people.add(new Person(n, kind, name, username.isEmpty() ? null : username, phone.isEmpty() ? null : phone,
                    classId, numbers, subjectIds, row.get("relation").isEmpty() ? "监护人" : row.get("relation")));
        }
        // parents may name children further down the file
        Set<String> known = new HashSet<>(catalog.existingStudentNos());
        known.addAll(studentNos.keySet());
        for (Person p : people) {
            if (p.kind() == Kind.PARENT) {
                for (String no : p.studentNos()) {
                    if (!known.contains(no)) {
                        errors.add(ImportError.at(p.row(), "未知学号 " + no, "unknown student number " + no));
                    }
                }
            }
        }
        errors.sort(java.util.Comparator.comparingInt(ImportError::row));
        return new Checked(errors.isEmpty() ? people : List.of(), errors);
    }

    static @Nullable Kind kind(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "教师", "老师", "班主任", "teacher", "head teacher", "staff" -> Kind.TEACHER;
            case "学生", "student" -> Kind.STUDENT;
            case "家长", "parent", "guardian" -> Kind.PARENT;
            default -> null;
        };
    }

    static List<String> split(String cell) {
        return Arrays.stream(cell.strip().split(LIST_SEPARATORS)).filter(s -> !s.isBlank()).toList();
    }
}

package org.ketang.platform.homeschool.internal;

import static org.ketang.platform.homeschool.internal.Notices.afterCommit;
import static org.ketang.platform.homeschool.internal.Notices.instant;
import static org.ketang.platform.homeschool.internal.Notices.utc;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.audit.AuditTrail;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.Directory;
import org.ketang.platform.organization.Directory.ClassInfo;
import org.ketang.platform.organization.Directory.StudentInfo;
import org.ketang.platform.organization.ImportTable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scores (成绩): exams of some classes with subjects; teachers enter scores in a grid or import a CSV/.xlsx (all
 * rows or none, with every row's error reported), then publish. A family sees only their child's scores and the
 * class statistics the exam shows (school default {@code ketang.homeschool.parent-statistics}); ranks stay with the
 * teachers unless the school turns {@code rank-to-parents} on.
 */
@Service
@Transactional
public class Scores {

    public record SubjectMark(String subject, BigDecimal fullMark) {
    }

    public record NewExam(String name, LocalDate examDate, List<Long> classIds, List<SubjectMark> subjects,
            @Nullable Set<String> parentStatistics) {
    }

    public record Exam(long id, String name, LocalDate examDate, String creatorName, List<SubjectMark> subjects,
            List<Long> classIds, Set<String> parentStatistics, @Nullable Instant publishedAt) {
    }

    /** One cell of the grid: a score, absent (缺考), or nothing (null score, not absent) to clear it. */
    public record Entry(long studentId, String subject, @Nullable BigDecimal score, boolean absent) {
    }

    public record GridRow(long studentId, String studentNo, String name, Map<String, BigDecimal> scores, Set<String> absent,
            @Nullable BigDecimal total, @Nullable Integer rank) {
    }

    public record Grid(Exam exam, long classId, List<GridRow> rows) {
    }

    public record RowError(int row, String message, String messageEn) {
        static RowError at(int row, String zh, String en) {
            return new RowError(row, "第" + row + "行：" + zh, "row " + row + ": " + en);
        }
    }

    public record SubjectStatistics(String subject, BigDecimal fullMark, ScoreStatistics statistics) {
    }

    /** A class's statistics per subject and its ranking by total (teachers only). */
    public record ClassStatistics(Exam exam, long classId, List<String> bands, List<SubjectStatistics> subjects,
            List<GridRow> ranking) {
    }

    /** One subject of a child's report: the score and what of the class's statistics the exam shows. */
    public record ReportLine(String subject, BigDecimal fullMark, @Nullable BigDecimal score, boolean absent,
            @Nullable BigDecimal classAverage, @Nullable BigDecimal classHighest, @Nullable List<Integer> distribution) {
    }

    public record Report(long examId, String name, LocalDate examDate, String studentName, List<ReportLine> lines,
            @Nullable BigDecimal total, @Nullable Integer rank, List<String> bands) {
    }

    /** A published exam as a family lists it. */
    public record Published(long id, String name, LocalDate examDate, Instant publishedAt) {
    }

    static final Set<String> STATISTICS = Set.of("AVERAGE", "HIGHEST", "DISTRIBUTION");

    private final JdbcClient jdbc;
    private final Directory directory;
    private final NotificationHub hub;
    private final HomeschoolSettings settings;
    private final AuditTrail audit;
    private final ClassRoles roles;

    Scores(JdbcClient jdbc, Directory directory, NotificationHub hub, HomeschoolSettings settings, AuditTrail audit,
            ClassRoles roles) {
        this.roles = roles;
        this.jdbc = jdbc;
        this.directory = directory;
        this.hub = hub;
        this.settings = settings;
        this.audit = audit;
    }

    // ---- teachers

    public long create(Actor actor, NewExam exam) {
        actor.require(Permission.HOMESCHOOL_TEACH);
        if (exam.classIds().isEmpty() || exam.subjects().isEmpty()) {
            throw ApiProblem.invalid("请选择班级并至少添加一个学科", "Choose classes and at least one subject");
        }
        List<ClassInfo> classes = new ArrayList<>();
        for (long id : new LinkedHashSet<>(exam.classIds())) {
            classes.add(directory.schoolClass(id).filter(c -> roles.teaches(actor, c.classId()))
                    .orElseThrow(() -> ApiProblem.notFound("班级", "Class")));
        }
        Set<Long> schools = new LinkedHashSet<>(classes.stream().map(ClassInfo::schoolId).toList());
        if (schools.size() != 1) {
            throw ApiProblem.invalid("一次考试只能包含同一所学校的班级", "An exam covers classes of one school");
        }
        Set<String> subjects = new LinkedHashSet<>();
        for (SubjectMark s : exam.subjects()) {
            if (s.subject().isBlank() || !subjects.add(s.subject().strip())) {
                throw ApiProblem.invalid("学科名称不能为空或重复", "Subject names must be given and distinct");
            }
            if (s.fullMark().signum() <= 0 || s.fullMark().compareTo(BigDecimal.valueOf(1000)) > 0) {
                throw ApiProblem.invalid("满分应在 1 到 1000 之间", "The full mark must be between 1 and 1000");
            }
        }
        Set<String> shown = exam.parentStatistics() == null ? settings.parentStatistics() : exam.parentStatistics();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into hs_exam (school_id, name, exam_date, created_by, creator_name, show_average, show_highest,
                                     show_distribution, created_at)
                values (:school, :name, :date, :by, :byName, :avg, :high, :dist, :at)""")
                .param("school", schools.iterator().next()).param("name", exam.name().strip()).param("date", exam.examDate())
                .param("by", actor.userId()).param("byName", actor.displayName()).param("avg", shown.contains("AVERAGE"))
                .param("high", shown.contains("HIGHEST")).param("dist", shown.contains("DISTRIBUTION"))
                .param("at", utc(Instant.now())).update(keys, "id");
        long id = keys.getKey().longValue();
        classes.forEach(c -> jdbc.sql("insert into hs_exam_class (exam_id, class_id) values (?, ?)").params(id, c.classId())
                .update());
        int position = 0;
        for (SubjectMark s : exam.subjects()) {
            jdbc.sql("insert into hs_exam_subject (exam_id, subject, full_mark, position) values (?, ?, ?, ?)")
                    .params(id, s.subject().strip(), s.fullMark(), position++).update();
        }
        return id;
    }

    /** The exams of a class, newest first (teachers). */
    @Transactional(readOnly = true)
    public List<Exam> ofClass(Actor actor, long classId) {
        roles.requireTeacherOf(actor, classId);
        return jdbc.sql("""
                select e.id from hs_exam e join hs_exam_class c on c.exam_id = e.id where c.class_id = ?
                 order by e.exam_date desc, e.id desc fetch first 100 rows only""").param(classId).query(Long.class).list()
                .stream().map(this::exam).toList();
    }

    @Transactional(readOnly = true)
    public Grid grid(Actor actor, long examId, long classId) {
        Exam exam = examOfClass(actor, examId, classId);
        return new Grid(exam, classId, rows(exam, classId));
    }

    /** Saves grid cells; nothing is saved when any cell is wrong (422 with every error). */
    public int save(Actor actor, long examId, long classId, List<Entry> entries) {
        Exam exam = examOfClass(actor, examId, classId);
        Map<Long, StudentInfo> students = studentsById(classId);
        List<RowError> errors = new ArrayList<>();
        int n = 0;
        for (Entry e : entries) {
            n++;
            check(exam, e, students.containsKey(e.studentId()), n, errors);
        }
        refuseIfAny(errors);
        entries.forEach(e -> put(examId, classId, e));
        return entries.size();
    }

    /**
     * Imports a CSV/.xlsx: a 学号 (student number) or 姓名 column, then one column per subject of the exam; a cell
     * says the score, 缺考 for absent, or is blank (left as it is). Every row of the file is checked first; any
     * error refuses the whole file, listing them all.
     */
    public int importFile(Actor actor, long examId, long classId, byte[] content, @Nullable String filename) {
        Exam exam = examOfClass(actor, examId, classId);
        ImportTable table;
        try {
            table = ImportTable.read(content, filename);
        } catch (IOException | RuntimeException e) {
            throw refused(List.of(RowError.at(1, "无法读取文件（请上传 CSV 或 .xlsx）", "cannot read the file (upload CSV or .xlsx)")));
        }
        if (table.rows().isEmpty()) {
            throw refused(List.of(RowError.at(1, "文件是空的", "the file is empty")));
        }
        ImportTable.Row header = table.rows().get(0);
        int numberColumn = -1;
        int nameColumn = -1;
        Map<Integer, String> subjectColumns = new LinkedHashMap<>();
        List<RowError> errors = new ArrayList<>();
        Set<String> subjects = new LinkedHashSet<>(exam.subjects().stream().map(SubjectMark::subject).toList());
        for (int i = 0; i < header.cells().size(); i++) {
            String name = header.cells().get(i).replace("\uFEFF", "").strip();
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals("学号") || lower.equals("student no") || lower.equals("number")) {
                numberColumn = i;
            } else if (name.equals("姓名") || lower.equals("name")) {
                nameColumn = i;
            } else if (subjects.contains(name)) {
                subjectColumns.put(i, name);
            } else if (!name.equals("班级") && !lower.equals("class")) {
                errors.add(RowError.at(header.number(), "考试中没有学科「" + name + "」", "the exam has no subject " + name));
            }
        }
        if (numberColumn < 0 && nameColumn < 0) {
            errors.add(RowError.at(header.number(), "缺少列 学号 或 姓名", "missing column 学号 (student no) or 姓名 (name)"));
        }
        if (subjectColumns.isEmpty()) {
            errors.add(RowError.at(header.number(), "没有学科列", "no subject columns"));
        }
        refuseIfAny(errors);
        List<StudentInfo> classStudents = List.copyOf(studentsById(classId).values());
        Map<String, StudentInfo> byNumber = new HashMap<>();
        Map<String, List<StudentInfo>> byName = new HashMap<>();
        classStudents.forEach(s -> {
            byNumber.put(s.studentNo(), s);
            byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
        });
        List<Entry> entries = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        for (ImportTable.Row row : table.rows().subList(1, table.rows().size())) {
            if (row.cells().stream().allMatch(String::isBlank)) {
                continue;
            }
            String number = cell(row, numberColumn);
            String name = cell(row, nameColumn);
            StudentInfo student = null;
            if (!number.isEmpty()) {
                student = byNumber.get(number);
                if (student == null) {
                    errors.add(RowError.at(row.number(), "本班没有学号 " + number, "no student numbered " + number + " in the class"));
                    continue;
                }
                if (!name.isEmpty() && !name.equals(student.name())) {
                    errors.add(RowError.at(row.number(), "学号 " + number + " 是" + student.name() + "，不是" + name,
                            "student " + number + " is " + student.name() + ", not " + name));
                    continue;
                }
            } else {
                List<StudentInfo> named = byName.getOrDefault(name, List.of());
                if (named.size() != 1) {
                    errors.add(RowError.at(row.number(), named.isEmpty() ? "本班没有学生 " + name : "本班有重名学生 " + name + "，请填学号",
                            named.isEmpty() ? "no student named " + name + " in the class"
                                    : "more than one student named " + name + "; give the student number"));
                    continue;
                }
                student = named.get(0);
            }
            if (!seen.add(student.studentId())) {
                errors.add(RowError.at(row.number(), student.name() + " 出现了两次", student.name() + " appears twice"));
                continue;
            }
            for (Map.Entry<Integer, String> column : subjectColumns.entrySet()) {
                String value = cell(row, column.getKey());
                if (value.isEmpty()) {
                    continue;
                }
                Entry entry;
                if (value.equals("缺考") || value.equals("缺") || value.equalsIgnoreCase("absent")) {
                    entry = new Entry(student.studentId(), column.getValue(), null, true);
                } else {
                    try {
                        entry = new Entry(student.studentId(), column.getValue(), new BigDecimal(value), false);
                    } catch (NumberFormatException e) {
                        errors.add(RowError.at(row.number(), column.getValue() + "「" + value + "」不是分数",
                                column.getValue() + " \"" + value + "\" is not a score"));
                        continue;
                    }
                }
                check(exam, entry, true, row.number(), errors);
                entries.add(entry);
            }
        }
        refuseIfAny(errors);
        entries.forEach(e -> put(examId, classId, e));
        return entries.size();
    }

    /** Publishes the exam to the families of its classes (they are told at once). */
    public Exam publish(Actor actor, long examId) {
        actor.require(Permission.HOMESCHOOL_TEACH);
        Exam exam = find(examId);
        if (exam.classIds().stream().noneMatch(c -> roles.teaches(actor, c))) {
            throw notFound();
        }
        if (exam.publishedAt() == null) {
            jdbc.sql("update hs_exam set published_at = ? where id = ?").params(utc(Instant.now()), examId).update();
            audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), "homeschool.scores-published", "exam " + examId,
                    exam.name(), AuditTrail.Outcome.SUCCESS,
                    directory.schoolClass(exam.classIds().get(0)).map(ClassInfo::schoolId).orElse(null), null));
            Set<Long> families = new LinkedHashSet<>();
            directory.guardiansInClasses(exam.classIds()).forEach(g -> families.add(g.userId()));
            directory.studentsOfClasses(exam.classIds()).forEach(s -> {
                if (s.userId() != null) {
                    families.add(s.userId());
                }
            });
            Map<String, Object> message = Map.of("type", "scores", "examId", examId, "name", exam.name());
            List<Long> told = List.copyOf(families);
            afterCommit(() -> hub.send(told, message));
        }
        return find(examId);
    }

    @Transactional(readOnly = true)
    public ClassStatistics statistics(Actor actor, long examId, long classId) {
        Exam exam = examOfClass(actor, examId, classId);
        List<GridRow> rows = rows(exam, classId);
        List<SubjectStatistics> subjects = exam.subjects().stream().map(s -> new SubjectStatistics(s.subject(), s.fullMark(),
                ScoreStatistics.of(rows.stream().map(r -> r.scores().get(s.subject())).filter(java.util.Objects::nonNull)
                        .toList(), s.fullMark())))
                .toList();
        List<GridRow> ranking = rows.stream().filter(r -> r.rank() != null).sorted(Comparator.comparing(GridRow::rank)).toList();
        return new ClassStatistics(exam, classId, ScoreStatistics.BANDS, subjects, ranking);
    }

    // ---- families

    /** The published exams of the caller's child. */
    @Transactional(readOnly = true)
    public List<Published> ofChild(Actor actor, long studentId) {
        long classId = roles.familyClassOf(actor, studentId);
        return jdbc.sql("""
                select e.id, e.name, e.exam_date, e.published_at from hs_exam e join hs_exam_class c on c.exam_id = e.id
                 where c.class_id = ? and e.published_at is not null order by e.exam_date desc, e.id desc""").param(classId)
                .query((rs, n) -> new Published(rs.getLong("id"), rs.getString("name"),
                        rs.getObject("exam_date", LocalDate.class), instant(rs, "published_at")))
                .list();
    }

    /** The child's scores in a published exam, with the class statistics the exam shows; no rank by default. */
    @Transactional(readOnly = true)
    public Report report(Actor actor, long examId, long studentId) {
        long classId = roles.familyClassOf(actor, studentId);
        Exam exam = find(examId);
        if (exam.publishedAt() == null || !exam.classIds().contains(classId)) {
            throw notFound();
        }
        List<GridRow> rows = rows(exam, classId);
        GridRow mine = rows.stream().filter(r -> r.studentId() == studentId).findFirst().orElseThrow(Scores::notFound);
        List<ReportLine> lines = new ArrayList<>();
        for (SubjectMark s : exam.subjects()) {
            ScoreStatistics stats = ScoreStatistics.of(rows.stream().map(r -> r.scores().get(s.subject()))
                    .filter(java.util.Objects::nonNull).toList(), s.fullMark());
            lines.add(new ReportLine(s.subject(), s.fullMark(), mine.scores().get(s.subject()),
                    mine.absent().contains(s.subject()), exam.parentStatistics().contains("AVERAGE") ? stats.average() : null,
                    exam.parentStatistics().contains("HIGHEST") ? stats.highest() : null,
                    exam.parentStatistics().contains("DISTRIBUTION") ? stats.distribution() : null));
        }
        return new Report(examId, exam.name(), exam.examDate(), mine.name(), lines, mine.total(),
                settings.rankToParents() ? mine.rank() : null, ScoreStatistics.BANDS);
    }

    // ---- helpers

    private List<GridRow> rows(Exam exam, long classId) {
        Map<Long, Map<String, BigDecimal>> scores = new HashMap<>();
        Map<Long, Set<String>> absent = new HashMap<>();
        jdbc.sql("select student_id, subject, score, absent from hs_score where exam_id = ? and class_id = ?")
                .params(exam.id(), classId).query((rs, n) -> {
                    long student = rs.getLong("student_id");
                    if (rs.getBoolean("absent")) {
                        absent.computeIfAbsent(student, k -> new LinkedHashSet<>()).add(rs.getString("subject"));
                    } else if (rs.getBigDecimal("score") != null) {
                        scores.computeIfAbsent(student, k -> new HashMap<>()).put(rs.getString("subject"), rs.getBigDecimal("score"));
                    }
                    return null;
                }).list();
        List<GridRow> rows = new ArrayList<>();
        for (StudentInfo s : studentsById(classId).values()) {
            Map<String, BigDecimal> own = scores.getOrDefault(s.studentId(), Map.of());
            BigDecimal total = own.isEmpty() ? null : own.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            rows.add(new GridRow(s.studentId(), s.studentNo(), s.name(), Map.copyOf(own),
                    Set.copyOf(absent.getOrDefault(s.studentId(), Set.of())), total, null));
        }
        // competition ranking by total (1, 2, 2, 4), for teachers
        List<GridRow> ranked = rows.stream().filter(r -> r.total() != null)
                .sorted(Comparator.comparing(GridRow::total).reversed()).toList();
        Map<Long, Integer> rank = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            boolean tie = i > 0 && ranked.get(i).total().compareTo(ranked.get(i - 1).total()) == 0;
            rank.put(ranked.get(i).studentId(), tie ? rank.get(ranked.get(i - 1).studentId()) : i + 1);
        }
        return rows.stream().map(r -> new GridRow(r.studentId(), r.studentNo(), r.name(), r.scores(), r.absent(), r.total(),
                rank.get(r.studentId()))).toList();
    }

    private static void check(Exam exam, Entry e, boolean inClass, int row, List<RowError> errors) {
        SubjectMark subject = exam.subjects().stream().filter(s -> s.subject().equals(e.subject())).findFirst().orElse(null);
        if (!inClass) {
            errors.add(RowError.at(row, "学生不在本班", "the student is not in the class"));
        } else if (subject == null) {
            errors.add(RowError.at(row, "考试中没有学科「" + e.subject() + "」", "the exam has no subject " + e.subject()));
        } else if (e.score() != null && (e.score().signum() < 0 || e.score().compareTo(subject.fullMark()) > 0)) {
            errors.add(RowError.at(row, e.subject() + " " + e.score().toPlainString() + " 不在 0–"
                    + subject.fullMark().stripTrailingZeros().toPlainString() + " 之间", e.subject() + " "
                    + e.score().toPlainString() + " is not between 0 and " + subject.fullMark().stripTrailingZeros().toPlainString()));
        } else if (e.score() != null && e.score().scale() > 1 && e.score().stripTrailingZeros().scale() > 1) {
            errors.add(RowError.at(row, e.subject() + " 最多一位小数", e.subject() + " takes at most one decimal"));
        }
    }

    private void put(long examId, long classId, Entry e) {
        jdbc.sql("delete from hs_score where exam_id = ? and student_id = ? and subject = ?")
                .params(examId, e.studentId(), e.subject()).update();
        if (e.score() != null || e.absent()) {
            jdbc.sql("insert into hs_score (exam_id, student_id, class_id, subject, score, absent) values (?, ?, ?, ?, ?, ?)")
                    .params(examId, e.studentId(), classId, e.subject(), e.absent() ? null : e.score(), e.absent()).update();
        }
    }

    private static void refuseIfAny(List<RowError> errors) {
        if (!errors.isEmpty()) {
            throw refused(errors);
        }
    }

    private static ApiProblem refused(List<RowError> errors) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "scores-invalid", "成绩有误，没有保存：共 " + errors.size() + " 处",
                "Scores not saved: " + errors.size() + " errors").with("errors", errors);
    }

    private static String cell(ImportTable.Row row, int column) {
        return column < 0 || column >= row.cells().size() ? "" : row.cells().get(column).strip();
    }

    private Map<Long, StudentInfo> studentsById(long classId) {
        Map<Long, StudentInfo> students = new LinkedHashMap<>();
        directory.studentsOfClasses(List.of(classId)).forEach(s -> students.put(s.studentId(), s));
        return students;
    }

    private Exam examOfClass(Actor actor, long examId, long classId) {
        roles.requireTeacherOf(actor, classId);
        Exam exam = find(examId);
        if (!exam.classIds().contains(classId)) {
            throw notFound();
        }
        return exam;
    }




    private Exam exam(long id) {
        return find(id);
    }

    private Exam find(long id) {
        record Head(String name, LocalDate date, String creator, boolean avg, boolean high, boolean dist,
                @Nullable Instant published) {
        }
        Head head = jdbc.sql("select * from hs_exam where id = ?").param(id)
                .query((rs, n) -> new Head(rs.getString("name"), rs.getObject("exam_date", LocalDate.class),
                        rs.getString("creator_name"), rs.getBoolean("show_average"), rs.getBoolean("show_highest"),
                        rs.getBoolean("show_distribution"), instant(rs, "published_at")))
                .optional().orElseThrow(Scores::notFound);
        List<SubjectMark> subjects = jdbc.sql("select subject, full_mark from hs_exam_subject where exam_id = ? order by position")
                .param(id).query((rs, n) -> new SubjectMark(rs.getString("subject"), rs.getBigDecimal("full_mark"))).list();
        List<Long> classes = jdbc.sql("select class_id from hs_exam_class where exam_id = ? order by class_id").param(id)
                .query(Long.class).list();
        Set<String> shown = new LinkedHashSet<>();
        if (head.avg()) {
            shown.add("AVERAGE");
        }
        if (head.high()) {
            shown.add("HIGHEST");
        }
        if (head.dist()) {
            shown.add("DISTRIBUTION");
        }
        return new Exam(id, head.name(), head.date(), head.creator(), subjects, classes, shown, head.published());
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("考试", "Exam");
    }
}

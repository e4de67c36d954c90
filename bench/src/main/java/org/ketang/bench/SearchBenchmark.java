package org.ketang.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Lesson search latency over 100,000 lessons: the platform's Lucene search (smartcn + CJK bigrams, visibility
 * filter, highlights, facets) through its HTTP API, against the plain SQL {@code LIKE} a platform without a search
 * engine would run on the same rows. Target: p95 < 50 ms.
 * <p>
 * The lessons are written straight into the stopped platform's database (H2 file, the embedded default); the
 * platform then rebuilds its index from the database on start. Run with {@code bench/run-search.sh [lessons]}.
 */
public final class SearchBenchmark {

    static final String[][] TOPICS = {
            { "数学", "一元二次方程", "勾股定理", "三角形全等", "一次函数的图像", "平行四边形的性质", "分式方程", "二次函数", "概率初步" },
            { "语文", "背影", "岳阳楼记", "春", "记叙文写作", "古诗词鉴赏", "文言文阅读", "议论文的论点" },
            { "英语", "一般过去时", "阅读理解技巧", "听说训练", "现在完成时", "书面表达", "Unit 5 Reading" },
            { "物理", "牛顿第一定律", "浮力", "欧姆定律", "光的反射", "压强", "电功率" },
            { "化学", "氧气的制取", "酸和碱", "质量守恒定律", "溶液的浓度" },
            { "生物", "细胞的结构", "光合作用", "遗传与变异" },
            { "历史", "辛亥革命", "丝绸之路", "秦统一中国" },
            { "地理", "地球的运动", "气候类型", "中国的河流" } };
    static final String[] KINDS = { "示范课", "公开课", "复习课", "习题课", "新授课", "优质课", "说课" };
    static final String[] QUERIES = { "方程", "数学", "一元二次方程", "勾股定理", "函数", "英语", "阅读", "浮力", "光合作用",
            "公开课", "古诗词", "辛亥革命", "欧姆定律 复习", "Reading", "三角形", "写作", "压强", "示范课 数学", "化学",
            "地球" };

    public static void main(String[] args) throws Exception {
        int lessons = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Path data = Files.createDirectories(Files.createTempDirectory("ketang-bench-search").resolve("data"));

        // 1. a demo district, then stop it so that its database can be written directly
        try (RunningPlatform first = RunningPlatform.start(data)) {
            System.out.printf(Locale.ROOT, "demo district created in %.1f s%n", first.startSeconds);
        }
        String url = "jdbc:h2:file:" + data.resolve("db").resolve("ketang")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        double[] sql;
        try (Connection db = DriverManager.getConnection(url, "ketang", "ketang")) {
            long t0 = System.nanoTime();
            insertLessons(db, lessons);
            System.out.printf(Locale.ROOT, "%,d lessons written in %.1f s%n", lessons, (System.nanoTime() - t0) / 1e9);
            sql = sqlLike(db, samples);
        }

        // 2. the platform again, then a rebuild of its index from the database (the lessons were written behind its back)
        try (RunningPlatform platform = RunningPlatform.start(data)) {
            System.out.printf(Locale.ROOT, "platform restarted in %.1f s%n", platform.startSeconds);
            String admin = platform.login("admin");
            long t0 = System.nanoTime();
            var rebuild = platform.post("/api/v1/lessons/search/rebuild", admin, "{}");
            System.out.printf(Locale.ROOT, "index rebuilt from the database: HTTP %d %s in %.1f s%n", rebuild.statusCode(),
                    rebuild.body(), (System.nanoTime() - t0) / 1e9);
            double[] asTeacher = http(platform, platform.login("t1"), samples);
            double[] asAdmin = http(platform, admin, samples);

            System.out.println();
            System.out.printf(Locale.ROOT, "Lesson search over %,d lessons, %d queries each (%d distinct, Chinese and "
                    + "English), sequential, %d cores%n%n", lessons, samples, QUERIES.length,
                    Runtime.getRuntime().availableProcessors());
            System.out.println("| search | p50 ms | p95 ms | p99 ms | what it returns |");
            System.out.println("|---|---:|---:|---:|---|");
            row("Ketang search API as teacher t1 (HTTP, school visibility)", asTeacher,
                    "ranked hits, highlights, facets, total");
            row("Ketang search API as district admin (HTTP)", asAdmin, "ranked hits, highlights, facets, total");
            row("reference: SQL LIKE '%q%' on title/description (in-process JDBC)", sql,
                    "first 20 matches by date, no ranking; misses word order and multi-word queries");
            System.out.printf(Locale.ROOT, "%nTarget p95 < 50 ms: %s%n",
                    Math.max(asTeacher[1], asAdmin[1]) < 50 ? "met" : "NOT met");
        }
    }

    static void row(String name, double[] p, String what) {
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %s |%n", name, p[0], p[1], p[2], what);
    }

    static double[] http(RunningPlatform platform, String token, int samples) throws Exception {
        for (int i = 0; i < 200; i++) {
            platform.get(searchPath(QUERIES[i % QUERIES.length]), token);
        }
        double[] millis = new double[samples];
        for (int i = 0; i < samples; i++) {
            String path = searchPath(QUERIES[i % QUERIES.length]);
            long t0 = System.nanoTime();
            var response = platform.get(path, token);
            millis[i] = (System.nanoTime() - t0) / 1e6;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
            }
        }
        return percentiles(millis);
    }

    static String searchPath(String q) {
        return "/api/v1/lessons/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&size=20";
    }

    static double[] sqlLike(Connection db, int samples) throws Exception {
        double[] millis = new double[samples];
        try (PreparedStatement query = db.prepareStatement("""
                select id, title from lib_lesson
                 where status in ('PLAYABLE', 'READY') and deleted_at is null
                   and (visibility in ('PUBLIC', 'DISTRICT') or school_id = 1)
                   and (title like ? or description like ? or tags like ?)
                 order by created_at desc limit 20""")) {
            for (int i = -200; i < samples; i++) {
                String like = "%" + QUERIES[Math.floorMod(i, QUERIES.length)] + "%";
                query.setString(1, like);
                query.setString(2, like);
                query.setString(3, like);
                long t0 = System.nanoTime();
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(2);
                    }
                }
                if (i >= 0) {
                    millis[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        return percentiles(millis);
    }

    static double[] percentiles(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new double[] { at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99) };
    }

    static double at(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** Lessons spread over the demo schools, grades, subjects and teachers, with realistic Chinese titles. */
    static void insertLessons(Connection db, int count) throws Exception {
        List<Named> schools = named(db, "select id, name, id from org_school order by id");
        List<Named> grades = named(db, "select id, name, school_id from org_grade order by id");
        List<Named> teachers = named(db, "select id, name, school_id from org_staff order by id");
        List<Named> subjects = named(db, "select id, name, 0 from org_subject order by id");
        Random random = new Random(42);
        String[] visibilities = { "SCHOOL", "SCHOOL", "DISTRICT", "PUBLIC", "PRIVATE" };
        db.setAutoCommit(false);
        try (PreparedStatement insert = db.prepareStatement("""
                insert into lib_lesson (source_key, source, title, description, school_id, school_name, grade_id,
                    grade_name, subject_id, subject_name, teacher_staff_id, teacher_name, tags, recorded_on,
                    duration_seconds, visibility, downloadable, status, has_poster, has_sprite, renditions, view_count,
                    created_at, updated_at)
                values (?, 'UPLOAD', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, 'READY', true, true, '360,720', ?, ?, ?)
                """)) {
            for (int i = 0; i < count; i++) {
                String[] topics = TOPICS[random.nextInt(TOPICS.length)];
                String subject = topics[0];
                String topic = topics[1 + random.nextInt(topics.length - 1)];
                String kind = KINDS[random.nextInt(KINDS.length)];
                Named school = schools.get(random.nextInt(schools.size()));
                List<Named> schoolGrades = grades.stream().filter(g -> g.schoolId() == school.id()).toList();
                List<Named> schoolTeachers = teachers.stream().filter(t -> t.schoolId() == school.id()).toList();
                Named grade = schoolGrades.get(random.nextInt(schoolGrades.size()));
                Named teacher = schoolTeachers.get(random.nextInt(schoolTeachers.size()));
                Named subjectRow = subjects.stream().filter(s -> s.name().equals(subject)).findFirst()
                        .orElse(subjects.get(0));
                Instant created = Instant.parse("2026-09-01T00:00:00Z").plusSeconds(random.nextInt(80 * 86400));
                int p = 1;
                insert.setString(p++, "bench:" + i);
                insert.setString(p++, topic + " " + kind + " 第" + (1 + random.nextInt(4)) + "课时");
                insert.setString(p++, grade.name() + subject + "《" + topic + "》" + kind + "，" + teacher.name()
                        + "执教。本课围绕" + topic + "展开，包括情境导入、合作探究、课堂练习与小结。");
                insert.setLong(p++, school.id());
                insert.setString(p++, school.name());
                insert.setLong(p++, grade.id());
                insert.setString(p++, grade.name());
                insert.setLong(p++, subjectRow.id());
                insert.setString(p++, subject);
                insert.setLong(p++, teacher.id());
                insert.setString(p++, teacher.name());
                insert.setString(p++, kind + "," + subject);
                insert.setObject(p++, LocalDate.ofInstant(created, java.time.ZoneOffset.UTC));
                insert.setInt(p++, 2400 + random.nextInt(600));
                insert.setString(p++, visibilities[random.nextInt(visibilities.length)]);
                insert.setLong(p++, random.nextInt(500));
                insert.setTimestamp(p++, Timestamp.from(created));
                insert.setTimestamp(p++, Timestamp.from(created));
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        db.commit();
    }

    /** An id, a name and the school it belongs to (the school's own id for schools, 0 for subjects). */
    record Named(long id, String name, long schoolId) {
    }

    private static List<Named> named(Connection db, String sql) throws Exception {
        List<Named> list = new ArrayList<>();
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                list.add(new Named(rs.getLong(1), rs.getString(2), rs.getLong(3)));
            }
        }
        return list;
    }

    private SearchBenchmark() {
    }
}

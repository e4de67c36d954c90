package org.ketang.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;

/**
 * Home-school notification channel: N parents (default 10,000) hold a WebSocket each to one platform node; a
 * head teacher sends a class notice (50 parents) and a school admin a school-wide notice (every parent). Delivery
 * is timed from the moment the notice is posted until it arrives at each phone, and from the server's own send
 * timestamp (after the database commit) to arrival. Memory per connection is the heap (after a full GC) and RSS
 * growth over N connections. The reference, measured in the same run with the same clients and the same
 * payload: a bare Tomcat JSR-356 server that only broadcasts (no sign-in, no database, no Spring).
 */
public final class HomeschoolBenchmark {

    static final int CLASS_SIZE = 50;
    static final Pattern NOTICE_ID = Pattern.compile("\"id\":(\\d+)");
    static final Pattern SENT_AT = Pattern.compile("\"sentAtMillis\":(\\d+)");

    /** Arrival times by notice id (or round number for the reference): nanoTime and wall clock millis. */
    final Map<Long, Queue<long[]>> arrivals = new ConcurrentHashMap<>();
    final List<WebSocket> sockets = new ArrayList<>();
    final List<HttpClient> clients = new ArrayList<>();
    volatile String lastPayload = "";

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int classRounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int schoolRounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        new HomeschoolBenchmark().run(n, classRounds, schoolRounds);
    }

    void run(int n, int classRounds, int schoolRounds) throws Exception {
        Path data = Files.createDirectories(Files.createTempDirectory("ketang-bench-homeschool").resolve("data"));
        try (RunningPlatform first = RunningPlatform.start(data)) {
            System.out.printf(Locale.ROOT, "demo district created in %.1f s%n", first.startSeconds);
        }
        List<String> tokens = seedParents(data, n);
        List<Row> rows = new ArrayList<>();
        Memory platformMemory;
        String payload;
        try (RunningPlatform platform = RunningPlatform.start(data, "--management.endpoints.web.exposure.include=health,metrics")) {
            String admin = platform.login("admin");
            long heap0 = heapAfterGc(platform, admin);
            long rss0 = rss(platform.pid());
            long t0 = System.nanoTime();
            connect("ws://127.0.0.1:" + platform.port + "/ws/notifications", tokens);
            double connectSeconds = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(2000);
            platformMemory = new Memory(n, heapAfterGc(platform, admin) - heap0, rss(platform.pid()) - rss0, connectSeconds);

            String teacher = platform.login("ht1");
            List<Number> ids = JsonPath.read(platform.get("/api/v1/homeschool/notice-targets", teacher).body(),
                    "$.classes[?(@.name == '七年级1班')].classId");
            long classId = ids.get(0).longValue();
            String classNotice = "{\"title\":\"明天春游\",\"body\":\"请八点到校，带好水杯。\",\"confirmRequired\":true,"
                    + "\"audience\":{\"kind\":\"CLASSES\",\"classIds\":[" + classId + "]}}";
            rows.addAll(platformRounds(platform, teacher, classNotice, CLASS_SIZE, classRounds, "class notice"));
            String sadmin = platform.login("sadmin1");
            String schoolNotice = "{\"title\":\"全校停课通知\",\"body\":\"因台风，明天全校停课一天，请家长安排好孩子。\","
                    + "\"confirmRequired\":true,\"audience\":{\"kind\":\"SCHOOL\"}}";
            rows.addAll(platformRounds(platform, sadmin, schoolNotice, n, schoolRounds, "school-wide notice"));
            payload = lastPayload;
            closeAll();
        }
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "platform %s from %s: p50 %.1f ms, p99 %.1f ms (%,d samples)%n", row.what,
                    row.from, row.p(50), row.p(99), row.samples.size());
        }
        System.out.printf(Locale.ROOT, "platform memory: %.1f KiB heap, %.1f KiB RSS per connection%n",
                platformMemory.heap / 1024.0 / n, platformMemory.rss / 1024.0 / n);

        Memory bareMemory;
        int port = RunningPlatform.freePort();
        Process bare = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), BareBroadcastServer.class.getName(), String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(data.resolve("bare.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            waitFor(http, "http://127.0.0.1:" + port + "/connections");
            long heap0 = jcmdHeap(bare.pid());
            long rss0 = rss(bare.pid());
            long t0 = System.nanoTime();
            List<String> none = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                none.add(null);
            }
            connect("ws://127.0.0.1:" + port + "/ws", none);
            double connectSeconds = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(2000);
            bareMemory = new Memory(n, jcmdHeap(bare.pid()) - heap0, rss(bare.pid()) - rss0, connectSeconds);
            rows.add(bareRounds(http, port, payload, CLASS_SIZE, classRounds, "class notice"));
            rows.add(bareRounds(http, port, payload, n, schoolRounds, "school-wide notice"));
            closeAll();
        } finally {
            bare.destroy();
            bare.waitFor(10, TimeUnit.SECONDS);
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "Home-school notification delivery, %,d WebSocket clients on one node (%d cores)%n", n,
                Runtime.getRuntime().availableProcessors());
        System.out.println();
        System.out.println("| server | case | recipients × rounds | measured from | p50 ms | p99 ms | max ms | delivered |");
        System.out.println("|---|---|---|---|---:|---:|---:|---:|");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %,d × %d | %s | %.1f | %.1f | %.1f | %,d/%,d |%n", row.server, row.what,
                    row.recipients, row.rounds, row.from, row.p(50), row.p(99), row.p(100), row.samples.size(),
                    (long) row.recipients * row.rounds);
        }
        System.out.println();
        System.out.println("| server | connections | connect time s | heap / connection (after full GC) | RSS / connection |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Object[] m : new Object[][] { { "Ketang platform (auth, DB, Spring)", platformMemory },
                { "bare Tomcat JSR-356 (reference)", bareMemory } }) {
            Memory memory = (Memory) m[1];
            System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %.1f KiB | %.1f KiB |%n", m[0], memory.connections,
                    memory.connectSeconds, memory.heap / 1024.0 / memory.connections, memory.rss / 1024.0 / memory.connections);
        }
        System.out.println();
        System.out.println("payload: " + payload.length() + " bytes: " + payload);
    }

    // ---- the platform

    List<Row> platformRounds(RunningPlatform platform, String token, String notice, int expected, int rounds, String what)
            throws Exception {
        Row fromPost = new Row("Ketang platform", what, expected, rounds, "POST sent");
        Row fromCommit = new Row("Ketang platform", what, expected, rounds, "server send (after commit)");
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = platform.post("/api/v1/homeschool/notices", token, notice);
            if (response.statusCode() != 201) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            long id = ((Number) JsonPath.read(response.body(), "$.id")).longValue();
            Queue<long[]> got = await(id, expected);
            for (long[] a : got) {
                fromPost.samples.add((a[0] - t0) / 1e6);
                fromCommit.samples.add((double) (a[1] - a[2]));
            }
            Thread.sleep(300);
        }
        return List.of(fromPost, fromCommit);
    }

    /** Writes N parents (each with a child in school 1, the first 50 in 七年级1班) and a bearer token each. */
    static List<String> seedParents(Path data, int n) throws Exception {
        String url = "jdbc:h2:file:" + data.resolve("db").resolve("ketang")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        List<String> tokens = new ArrayList<>();
        long t0 = System.nanoTime();
        try (Connection db = DriverManager.getConnection(url, "ketang", "ketang")) {
            db.setAutoCommit(false);
            long school = single(db, "select id from org_school where code = 'S01'");
            long class1 = single(db, "select c.id from org_class c join org_grade g on g.id = c.grade_id where c.school_id = "
                    + school + " and g.name = '七年级' and c.name = '1班'");
            List<Long> others = new ArrayList<>();
            try (ResultSet rs = db.createStatement().executeQuery("select id from org_class where school_id = " + school
                    + " and id <> " + class1)) {
                while (rs.next()) {
                    others.add(rs.getLong(1));
                }
            }
            Timestamp now = Timestamp.from(Instant.now());
            Timestamp later = Timestamp.from(Instant.now().plus(Duration.ofDays(30)));
            try (PreparedStatement user = db.prepareStatement("insert into user_account (username, display_name, password_hash, "
                    + "school_id, created_at) values (?, ?, '{noop}not-used', ?, ?)", Statement.RETURN_GENERATED_KEYS);
                    PreparedStatement role = db.prepareStatement("insert into user_role (user_id, role_code) values (?, 'PARENT')");
                    PreparedStatement student = db.prepareStatement("insert into org_student (school_id, class_id, student_no, name) "
                            + "values (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
                    PreparedStatement guardian = db.prepareStatement("insert into org_guardian (user_id, name) values (?, ?)",
                            Statement.RETURN_GENERATED_KEYS);
                    PreparedStatement link = db.prepareStatement("insert into org_guardianship (guardian_id, student_id, relation) "
                            + "values (?, ?, '父亲')");
                    PreparedStatement token = db.prepareStatement("insert into api_token (token_hash, user_id, created_at, expires_at) "
                            + "values (?, ?, ?, ?)")) {
                for (int i = 0; i < n; i++) {
                    user.setString(1, "bench-parent-" + i);
                    user.setString(2, "家长" + i);
                    user.setLong(3, school);
                    user.setTimestamp(4, now);
                    long userId = insert(user);
                    role.setLong(1, userId);
                    role.executeUpdate();
                    student.setLong(1, school);
                    student.setLong(2, i < CLASS_SIZE ? class1 : others.get(i % others.size()));
                    student.setString(3, "BENCH" + i);
                    student.setString(4, "学生" + i);
                    long studentId = insert(student);
                    guardian.setLong(1, userId);
                    guardian.setString(2, "家长" + i);
                    long guardianId = insert(guardian);
                    link.setLong(1, guardianId);
                    link.setLong(2, studentId);
                    link.executeUpdate();
                    String secret = "bench-token-" + i + "-" + System.nanoTime();
                    token.setString(1, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(secret.getBytes(StandardCharsets.UTF_8))));
                    token.setLong(2, userId);
                    token.setTimestamp(3, now);
                    token.setTimestamp(4, later);
                    token.executeUpdate();
                    tokens.add(secret);
                }
            }
            db.commit();
        }
        System.out.printf(Locale.ROOT, "%,d parents with a child and a token written in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        return tokens;
    }

    // ---- the reference

    Row bareRounds(HttpClient http, int port, String payload, int expected, int rounds, String what) throws Exception {
        Row row = new Row("bare Tomcat JSR-356 (reference)", what, expected, rounds, "POST sent");
        for (int r = 0; r < rounds; r++) {
            long key = 900_000_000L + r + (expected == CLASS_SIZE ? 0 : 1000);
            // the same bytes as the platform's message, with a round number as the id so arrivals can be told apart
            String body = NOTICE_ID.matcher(payload).replaceFirst("\"id\":" + key);
            long t0 = System.nanoTime();
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/broadcast?first=" + expected))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            for (long[] a : await(key, expected)) {
                row.samples.add((a[0] - t0) / 1e6);
            }
            Thread.sleep(300);
        }
        return row;
    }

    // ---- clients

    void connect(String url, List<String> tokens) throws Exception {
        for (int i = 0; i < 4; i++) {
            clients.add(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build());
        }
        int batch = 200;
        for (int from = 0; from < tokens.size(); from += batch) {
            List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
            for (int i = from; i < Math.min(tokens.size(), from + batch); i++) {
                WebSocket.Builder builder = clients.get(i % clients.size()).newWebSocketBuilder();
                if (tokens.get(i) != null) {
                    builder.header("Authorization", "Bearer " + tokens.get(i));
                }
                pending.add(builder.buildAsync(URI.create(url), new Listener()));
            }
            for (CompletableFuture<WebSocket> socket : pending) {
                sockets.add(socket.get(60, TimeUnit.SECONDS));
            }
        }
        System.out.printf(Locale.ROOT, "%,d WebSockets open to %s%n", sockets.size(), url);
    }

    void closeAll() {
        for (WebSocket socket : sockets) {
            socket.abort();
        }
        sockets.clear();
        clients.clear();
        arrivals.clear();
    }

    Queue<long[]> await(long id, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Queue<long[]> got = arrivals.get(id);
            if (got != null && got.size() >= expected) {
                return got;
            }
            Thread.sleep(2);
        }
        Queue<long[]> got = arrivals.getOrDefault(id, new ConcurrentLinkedQueue<>());
        System.out.printf(Locale.ROOT, "notice %d: only %,d of %,d arrived within 60 s%n", id, got.size(), expected);
        return got;
    }

    final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long nanos = System.nanoTime();
                long millis = System.currentTimeMillis();
                String text = partial.toString();
                partial.setLength(0);
                if (text.contains("\"notice\"")) {
                    Matcher id = NOTICE_ID.matcher(text);
                    Matcher sent = SENT_AT.matcher(text);
                    if (id.find()) {
                        arrivals.computeIfAbsent(Long.parseLong(id.group(1)), k -> new ConcurrentLinkedQueue<>())
                                .add(new long[] { nanos, millis, sent.find() ? Long.parseLong(sent.group(1)) : millis });
                        lastPayload = text;
                    }
                }
            }
            socket.request(1);
            return null;
        }
    }

    // ---- measurements

    record Memory(int connections, long heap, long rss, double connectSeconds) {
    }

    static final class Row {
        final String server;
        final String what;
        final int recipients;
        final int rounds;
        final String from;
        final List<Double> samples = new ArrayList<>();

        Row(String server, String what, int recipients, int rounds, String from) {
            this.server = server;
            this.what = what;
            this.recipients = recipients;
            this.rounds = rounds;
            this.from = from;
        }

        double p(int percentile) {
            if (samples.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = new ArrayList<>(samples);
            sorted.sort(null);
            int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }

    static long heapAfterGc(RunningPlatform platform, String token) throws Exception {
        return jcmdHeap(platform.pid());
    }

    /** Heap in use after a full GC, from jcmd (same tool for both servers). */
    static long jcmdHeap(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, String.valueOf(pid), "GC.run").redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
        Process info = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        info.waitFor();
        // e.g. " garbage-first heap   total 262144K, used 81234K [..."
        Matcher used = Pattern.compile("used (\\d+)K").matcher(out);
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info: " + out);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    static long rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
            }
        }
        return 0;
    }

    static long single(Connection db, String sql) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long insert(PreparedStatement statement) throws Exception {
        statement.executeUpdate();
        try (ResultSet keys = statement.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    static void waitFor(HttpClient http, String url) throws Exception {
        for (int i = 0; i < 120; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the reference server did not start");
    }
}

package org.ketang.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.jayway.jsonpath.JsonPath;

/**
 * The control centre's heartbeat load: N simulated recorder agents (default 5,000, each enrolled in its own
 * recording classroom with its own token) heartbeating every 10 s against one platform node, over real HTTP. Each
 * heartbeat is what a recorder sends (state, sources, health, versions, addresses; no thumbnail) and is stored as
 * the platform stores a real one (status row, a health sample a minute, open commands, schedule ETag). Measured:
 * p50/p99/max heartbeat latency, the platform's CPU (of one core, from /proc) and memory (RSS, heap after GC). The
 * reference in the same run is the same number of clients at the same rate GETting a trivial endpoint
 * ({@code /actuator/health}, no auth, no writes): what the machine, Tomcat and the client cost alone.
 * <p>
 * Run with {@code bench/run-heartbeats.sh [agents, default 5000] [measured seconds, default 60] [platform options]}
 * (e.g. {@code --ketang.devices.offline-sweep-every=1h} to see a run without the offline sweep). Target: p99 < 100 ms.
 */
public final class HeartbeatBenchmark {

    private static final int INTERVAL_SECONDS = 10;

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        // the district (classrooms, enrolled recorders, their tokens) is kept between runs: enrolling 5,000 boxes
        // through the API takes minutes on a small machine and is not what is measured
        Path data = Files.createDirectories(Path.of("bench", "target", "heartbeats-data").toAbsolutePath());
        Path saved = data.resolve("tokens.txt");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(4)).version(HttpClient.Version.HTTP_1_1).build();
        List<String> platformArgs = new ArrayList<>(List.of("--logging.level.org.ketang=WARN",
                "--ketang.devices.heartbeat-seconds=" + INTERVAL_SECONDS));
        platformArgs.addAll(Arrays.asList(args).subList(Math.min(2, args.length), args.length));
        try (RunningPlatform platform = RunningPlatform.start(data, platformArgs.toArray(String[]::new))) {
            System.out.printf(Locale.ROOT, "platform up in %.1f s (pid %d)%n", platform.startSeconds, platform.pid());
            String admin = platform.login("admin");
            long t0 = System.nanoTime();
            List<String> known = Files.exists(saved) ? new ArrayList<>(Files.readAllLines(saved)) : new ArrayList<>();
            if (known.size() < agents) {
                known.addAll(enrollRecorders(platform, admin, agents - known.size(), known.size()));
                Files.write(saved, known);
                System.out.printf(Locale.ROOT, "%d recorders enrolled, each in its own classroom, in %.0f s%n",
                        known.size(), (System.nanoTime() - t0) / 1e9);
            }
            List<String> tokens = List.copyOf(known.subList(0, Math.min(agents, known.size())));

            String base = platform.base();
            Load heartbeats = new Load("platform: POST /api/agent/v1/heartbeat (auth, 3 writes, commands, ETag)",
                    tokens.size());
            heartbeats.run(client, tokens, i -> HttpRequest.newBuilder(URI.create(base + "/api/agent/v1/heartbeat"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + tokens.get(i))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(heartbeat(i))).build(), platform.pid(), seconds);

            Load reference = new Load("reference: GET /actuator/health (no auth, no writes)", tokens.size());
            reference.run(client, tokens, i -> HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), platform.pid(), seconds);

            long heap = SignageBenchmark.heapUsedKb(platform.pid());
            System.out.println();
            System.out.println("| load | clients | rate/s | requests | errors | p50 ms | p99 ms | max ms | platform CPU "
                    + "(% of 1 core) | RSS MB |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            System.out.println(heartbeats.line());
            System.out.println(reference.line());
            System.out.printf(Locale.ROOT, "%nheap in use after GC at the end: %.0f MB; each client sends every %d s; "
                    + "the first %d s (one round) are warm-up and not measured; machine: %d cores (shared).%n",
                    heap / 1024.0, INTERVAL_SECONDS, INTERVAL_SECONDS, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "target: heartbeat p99 < 100 ms → %s%n",
                    heartbeats.p(0.99) < 100 ? "met" : "NOT met");
        }
        System.exit(0);
    }

    /** Builds one request for client {@code i}. */
    interface Requests {
        HttpRequest of(int i);
    }

    /** One load: every client sends once per interval, spread evenly; latencies of the measured window. */
    static final class Load {
        final String name;
        final int clients;
        final List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger sent = new AtomicInteger();
        double cpuPercent;
        long rssKb;
        double seconds;

        Load(String name, int clients) {
            this.name = name;
            this.clients = clients;
        }

        void run(HttpClient client, List<String> tokens, Requests requests, long pid, int measuredSeconds)
                throws Exception {
            ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2);
            long start = System.nanoTime();
            long warmEnd = start + TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS);
            long end = warmEnd + TimeUnit.SECONDS.toNanos(measuredSeconds);
            AtomicLong firstError = new AtomicLong();
            long periodNanos = TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS);
            for (int i = 0; i < clients; i++) {
                int client1 = i;
                long offset = periodNanos * i / clients;
                ticker.scheduleAtFixedRate(() -> {
                    long now = System.nanoTime();
                    if (now >= end) {
                        return;
                    }
                    HttpRequest request = requests.of(client1);
                    long sentAt = System.nanoTime();
                    boolean measured = sentAt >= warmEnd;
                    client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                        double ms = (System.nanoTime() - sentAt) / 1e6;
                        if (!measured) {
                            return;
                        }
                        sent.incrementAndGet();
                        if (error != null || response.statusCode() != 200) {
                            errors.incrementAndGet();
                            if (firstError.compareAndSet(0, 1)) {
                                System.out.println("first error: " + (error != null ? error
                                        : response.statusCode() + " " + response.body()));
                            }
                        } else {
                            latencies.add(ms);
                        }
                    });
                }, offset, periodNanos, TimeUnit.NANOSECONDS);
            }
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(warmEnd - System.nanoTime()));
            long cpuBefore = cpuTicks(pid);
            long measureStart = System.nanoTime();
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
            long cpuAfter = cpuTicks(pid);
            seconds = (System.nanoTime() - measureStart) / 1e9;
            cpuPercent = 100.0 * (cpuAfter - cpuBefore) / 100.0 / seconds; // USER_HZ is 100 on Linux
            rssKb = SignageBenchmark.rssKb(pid);
            ticker.shutdownNow();
            Thread.sleep(3000); // answers still on the way
        }

        double p(double q) {
            double[] sorted;
            synchronized (latencies) {
                sorted = latencies.stream().mapToDouble(Double::doubleValue).toArray();
            }
            Arrays.sort(sorted);
            return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
        }

        String line() {
            return String.format(Locale.ROOT, "| %s | %d | %.0f | %d | %d | %.1f | %.1f | %.1f | %.0f | %.0f |", name,
                    clients, sent.get() / seconds, sent.get(), errors.get(), p(0.50), p(0.99), p(1.0), cpuPercent,
                    rssKb / 1024.0);
        }
    }

    /** utime + stime of the process, in clock ticks. */
    static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** A recorder's heartbeat as the agent sends it (no thumbnail), a little different for every client. */
    static String heartbeat(int i) {
        return String.format(Locale.ROOT, """
                {"sentAt":"%s","state":"IDLE","recordingId":null,"recordingSince":null,"live":false,
                 "sources":[{"role":"teacher","url":"rtsp://10.%d.%d.21/stream","ok":true,"error":null},
                            {"role":"student","url":"rtsp://10.%d.%d.22/stream","ok":true,"error":null}],
                 "health":{"cpuPercent":%.1f,"memoryUsedBytes":2147483648,"memoryTotalBytes":8589934592,
                           "diskFreeBytes":214748364800,"diskTotalBytes":536870912000,"temperatureC":51.5,
                           "uptimeSeconds":3600},
                 "agentVersion":"0.3.0","configVersion":null,"thumbnailJpeg":null,"audioLevelDb":-31.5,
                 "results":[],"alerts":[],"mac":"02:00:%02x:%02x:%02x:01","ip":"10.%d.%d.20","netmask":24}""",
                Instant.now(), i / 250, i % 250, i / 250, i % 250, 10 + (i % 50) * 1.0, (i >> 16) & 0xff,
                (i >> 8) & 0xff, i & 0xff, i / 250, i % 250);
    }

    /**
     * Adds recording classrooms (in a new building of each demo school) until there are {@code count}, and enrolls
     * one recorder in each through the devices API, four at a time.
     */
    static List<String> enrollRecorders(RunningPlatform platform, String admin, int count, int first)
            throws Exception {
        List<Object> schools = JsonPath.read(platform.get("/api/v1/schools", admin).body(), "$[*].id");
        List<Long> buildings = new ArrayList<>();
        for (Object school : schools) {
            String building = platform.post("/api/v1/schools/" + school + "/buildings", admin,
                    "{\"name\":\"压测楼" + first + "\"}").body();
            buildings.add(((Number) JsonPath.read(building, "$.id")).longValue());
        }
        List<String> tokens = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        for (int n = first; n < first + count; n++) {
            int i = n;
            pool.submit(() -> {
                try {
                    int s = i % schools.size();
                    HttpResponse<String> room = platform.post("/api/v1/schools/" + schools.get(s) + "/classrooms",
                            admin, "{\"buildingId\":" + buildings.get(s) + ",\"name\":\"压测教室" + i
                                    + "\",\"recording\":true}");
                    long roomId = ((Number) JsonPath.read(room.body(), "$.id")).longValue();
                    String code = JsonPath.read(platform.post("/api/v1/devices/enrollment-codes", admin,
                            "{\"classroomId\":" + roomId + ",\"kind\":\"recorder\"}").body(), "$.code");
                    HttpResponse<String> enrolled = platform.http.send(HttpRequest.newBuilder(
                            URI.create(platform.base() + "/api/agent/v1/enroll"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\",\"kind\":\"recorder\","
                                    + "\"hostname\":\"bench-" + i + "\",\"agentVersion\":\"0.3.0\"}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    tokens.add(JsonPath.read(enrolled.body(), "$.token"));
                    if (tokens.size() % 500 == 0) {
                        System.out.println(tokens.size() + " enrolled");
                    }
                } catch (Exception e) {
                    if (failures.incrementAndGet() <= 3) {
                        System.out.println("enrollment failed: " + e);
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        if (failures.get() > 0) {
            System.out.println(failures.get() + " enrollments failed");
        }
        return new ArrayList<>(tokens);
    }
}

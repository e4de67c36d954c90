package org.ketang.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Signage push fan-out: N display connections (server-sent events, each signed in with its own display token) to
 * the real platform jar, then an emergency push to all of them: how long until each display has it (p50, p99, the
 * last one) and what a connection costs the platform in memory. The reference in the same run is a bare SSE
 * broadcaster (the JDK's HttpServer writing the same bytes to the same number of connections): the cost of the
 * transport alone, without sign-in, targeting, JSON or Tomcat.
 * <p>
 * Run with {@code bench/run-signage.sh [connections, default 2000] [pushes, default 5]}. Target: p99 < 1 s.
 */
public final class SignageBenchmark {

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path data = Files.createDirectories(Files.createTempDirectory("ketang-bench-signage").resolve("data"));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .executor(Executors.newFixedThreadPool(4)).build();
        List<Row> rows = new ArrayList<>();

        try (RunningPlatform platform = RunningPlatform.start(data, "--logging.level.org.ketang=WARN")) {
            System.out.printf(Locale.ROOT, "platform up in %.1f s (pid %d)%n", platform.startSeconds, platform.pid());
            String admin = platform.login("admin");
            List<String> tokens = enrollDisplays(platform, admin, connections);
            long rssBefore = rssKb(platform.pid());
            long heapBefore = heapUsedKb(platform.pid());

            Fanout fanout = new Fanout();
            long t0 = System.nanoTime();
            for (String token : tokens) {
                fanout.open(client, URI.create(platform.base() + "/api/display/v1/events"), token);
            }
            fanout.awaitHello(connections, Duration.ofMinutes(3));
            double connectSeconds = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(2000);
            long rssAfter = rssKb(platform.pid());
            long heapAfter = heapUsedKb(platform.pid());
            System.out.printf(Locale.ROOT, "%d display streams open in %.1f s%n", fanout.helloed.get(), connectSeconds);

            String notice = platform.post("/api/v1/signage/contents", admin,
                    "{\"kind\":\"NOTICE\",\"title\":\"紧急通知\",\"body\":\"<p>演练</p>\",\"durationSeconds\":30}").body();
            long contentId = ((Number) JsonPath.read(notice, "$.id")).longValue();
            List<double[]> platformRounds = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                fanout.reset();
                long sent = System.nanoTime();
                HttpResponse<String> push = platform.post("/api/v1/signage/pushes", admin,
                        "{\"level\":\"EMERGENCY\",\"contentIds\":[" + contentId + "],\"minutes\":1}");
                if (push.statusCode() != 201) {
                    throw new IllegalStateException("push: " + push.statusCode() + " " + push.body());
                }
                platformRounds.add(fanout.awaitAll(sent, connections, Duration.ofSeconds(30)));
                Thread.sleep(500);
            }
            rows.add(Row.of("platform: push via API → SSE", connections, platformRounds,
                    (rssAfter - rssBefore) * 1024.0 / connections, (heapAfter - heapBefore) * 1024.0 / connections,
                    fanout.payloadBytes));
            fanout.closeAll();
        }

        try (BareBroadcaster bare = new BareBroadcaster()) {
            Fanout fanout = new Fanout();
            for (int i = 0; i < connections; i++) {
                fanout.open(client, URI.create("http://127.0.0.1:" + bare.port() + "/events"), "bare");
            }
            fanout.awaitHello(connections, Duration.ofMinutes(3));
            Thread.sleep(1000);
            List<double[]> bareRounds = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                fanout.reset();
                long sent = System.nanoTime();
                bare.broadcast("push", "{\"push\":{\"id\":" + r + ",\"level\":\"EMERGENCY\"},\"items\":{}}");
                bareRounds.add(fanout.awaitAll(sent, connections, Duration.ofSeconds(30)));
            }
            rows.add(Row.of("reference: bare SSE broadcast (JDK HttpServer)", connections, bareRounds, Double.NaN,
                    Double.NaN, fanout.payloadBytes));
            fanout.closeAll();
        }

        System.out.println();
        System.out.println("| transport | connections | delivered | p50 ms | p99 ms | last ms (all have it) | memory/connection |");
        System.out.println("|---|---:|---:|---:|---:|---:|---|");
        for (Row row : rows) {
            System.out.println(row.line());
        }
        System.out.printf(Locale.ROOT, "%nrounds: %d pushes each; latencies are over all deliveries of all rounds, "
                + "\"last\" is the median over rounds of the slowest display.%n", rounds);
        System.exit(0);
    }

    /** Issues enrollment codes and enrolls one display per connection through the devices API. */
    static List<String> enrollDisplays(RunningPlatform platform, String admin, int count) throws Exception {
        List<Long> rooms = new ArrayList<>();
        String schools = platform.get("/api/v1/schools", admin).body();
        for (Object id : (List<?>) JsonPath.read(schools, "$[*].id")) {
            String structure = platform.get("/api/v1/schools/" + id + "/structure", admin).body();
            for (Object room : (List<?>) JsonPath.read(structure, "$.buildings[*].classrooms[*].id")) {
                rooms.add(((Number) room).longValue());
            }
        }
        long t0 = System.nanoTime();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long room = rooms.get(i % rooms.size());
            String code = JsonPath.read(platform.post("/api/v1/devices/enrollment-codes", admin,
                    "{\"classroomId\":" + room + ",\"kind\":\"display\"}").body(), "$.code");
            HttpResponse<String> enrolled = platform.http.send(HttpRequest.newBuilder(
                    URI.create(platform.base() + "/api/agent/v1/enroll")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\",\"kind\":\"display\","
                            + "\"hostname\":\"bench-" + i + "\",\"agentVersion\":\"bench\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (enrolled.statusCode() != 200) {
                throw new IllegalStateException("enroll: " + enrolled.statusCode() + " " + enrolled.body());
            }
            tokens.add(JsonPath.read(enrolled.body(), "$.token"));
        }
        System.out.printf(Locale.ROOT, "%d displays enrolled in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
        return tokens;
    }

    /** N event streams read asynchronously (no thread per connection), noting when each sees a push. */
    static final class Fanout {
        final AtomicInteger helloed = new AtomicInteger();
        final ConcurrentHashMap<Integer, Long> arrived = new ConcurrentHashMap<>();
        final List<Flow.Subscription> subscriptions = new CopyOnWriteArrayList<>();
        final AtomicInteger ids = new AtomicInteger();
        final AtomicLong payloadBytes = new AtomicLong();
        volatile CountDownLatch all = new CountDownLatch(0);

        void open(HttpClient client, URI uri, String token) {
            int id = ids.getAndIncrement();
            HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream").GET().build();
            CompletableFuture<HttpResponse<Void>> response = client.sendAsync(request,
                    HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                        String event = "";

                        @Override
                        public void onSubscribe(Flow.Subscription subscription) {
                            subscriptions.add(subscription);
                            subscription.request(Long.MAX_VALUE);
                        }

                        @Override
                        public void onNext(String line) {
                            if (line.startsWith("event:")) {
                                event = line.substring(6).trim();
                            } else if (line.startsWith("data:")) {
                                if (event.equals("hello")) {
                                    helloed.incrementAndGet();
                                } else if (event.equals("push") && arrived.putIfAbsent(id, System.nanoTime()) == null) {
                                    payloadBytes.set(line.length());
                                    all.countDown();
                                }
                            }
                        }

                        @Override
                        public void onError(Throwable throwable) {
                        }

                        @Override
                        public void onComplete() {
                        }
                    }));
            response.exceptionally(e -> {
                System.err.println("stream " + id + " failed: " + e);
                return null;
            });
        }

        void awaitHello(int n, Duration timeout) throws InterruptedException {
            long until = System.nanoTime() + timeout.toNanos();
            while (helloed.get() < n && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            if (helloed.get() < n) {
                throw new IllegalStateException("only " + helloed.get() + " of " + n + " streams opened");
            }
        }

        void reset() {
            arrived.clear();
            all = new CountDownLatch(ids.get());
        }

        /** Latencies in ms of every delivery of one push, sorted. */
        double[] awaitAll(long sentNanos, int n, Duration timeout) throws InterruptedException {
            all.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            double[] ms = arrived.values().stream().mapToDouble(t -> (t - sentNanos) / 1e6).sorted().toArray();
            if (ms.length < n) {
                System.err.printf("only %d of %d displays got the push%n", ms.length, n);
            }
            return ms;
        }

        void closeAll() {
            subscriptions.forEach(Flow.Subscription::cancel);
        }
    }

    record Row(String name, int connections, int delivered, double p50, double p99, double last, double rssPerConn,
            double heapPerConn) {

        static Row of(String name, int connections, List<double[]> rounds, double rss, double heap, AtomicLong bytes) {
            double[] all = rounds.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
            double[] lasts = rounds.stream().mapToDouble(r -> r.length == 0 ? Double.NaN : r[r.length - 1]).sorted()
                    .toArray();
            int delivered = rounds.stream().mapToInt(r -> r.length).min().orElse(0);
            return new Row(name, connections, delivered, pct(all, 50), pct(all, 99), lasts[lasts.length / 2], rss, heap);
        }

        String line() {
            String memory = Double.isNaN(rssPerConn) ? "—"
                    : String.format(Locale.ROOT, "%.1f KB RSS, %.1f KB heap", rssPerConn / 1024, heapPerConn / 1024);
            return String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.0f | %.0f | %s |", name, connections, delivered,
                    p50, p99, last, memory);
        }
    }

    static double pct(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** Heap in use after a full GC, from {@code jcmd} of the same JDK. */
    static long heapUsedKb(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        run(jcmd.toString(), String.valueOf(pid), "GC.run");
        String info = run(jcmd.toString(), String.valueOf(pid), "GC.heap_info");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** The reference: a bare SSE broadcaster on the JDK's HttpServer, keeping every response stream open. */
    static final class BareBroadcaster implements AutoCloseable {
        private final HttpServer server;
        private final List<OutputStream> streams = new CopyOnWriteArrayList<>();

        BareBroadcaster() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/events", this::open);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        private void open(HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("event:hello\ndata:{}\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            streams.add(out);
        }

        /** Writes the same event to every stream from four threads, as the platform does. */
        void broadcast(String event, String data) throws InterruptedException {
            byte[] bytes = ("event:" + event + "\ndata:" + data + "\n\n").getBytes(StandardCharsets.UTF_8);
            List<OutputStream> all = new ArrayList<>(streams);
            int chunk = (all.size() + 3) / 4;
            List<Thread> threads = new ArrayList<>();
            for (int from = 0; from < all.size(); from += chunk) {
                List<OutputStream> part = all.subList(from, Math.min(all.size(), from + chunk));
                Thread t = new Thread(() -> part.forEach(out -> {
                    try {
                        out.write(bytes);
                        out.flush();
                    } catch (IOException e) {
                        streams.remove(out);
                    }
                }));
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}

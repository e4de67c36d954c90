package org.ketang.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The classroom agent's cost on this machine: the real agent jar, run as a box runs it, records the synthetic
 * classroom's 1080p25 program and pushes live HLS to a local PUT sink (standing in for the platform) for N seconds;
 * its JVM and ffmpeg children are sampled from /proc. The reference is plain ffmpeg encoding lavfi testsrc2 at
 * 1080p25 in real time with the same x264 settings, sampled the same way in the same run. Also: live-segment
 * latency (segment on the platform minus the wall clock burnt into its first frame), frame continuity of the
 * recording (the time strip of every frame), and the delay from the start command to the first recorded frame.
 * Run with {@code bench/run-recorder.sh [seconds] [program|three|resource]}; the recorder's classes must be on the
 * class path.
 */
public final class RecorderBenchmark {

    static final Path AGENT_JAR = Path.of("recorder", "target", "ketang-recorder.jar");
    static final int CORES = Runtime.getRuntime().availableProcessors();
    static final long TICKS = 100; // USER_HZ on Linux

    /** A live file that arrived at the sink. */
    record Arrival(String name, byte[] body, long atMillis) {
    }

    /** CPU and memory of a process tree over a run. */
    record Usage(double cpuPercentOfOneCore, double peakRssMb, double meanRssMb) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        String variant = args.length > 1 ? args[1] : "program";
        if (!Files.exists(AGENT_JAR)) {
            throw new IllegalStateException("Build the agent first: ./mvnw -B -pl recorder -am package -DskipTests");
        }
        Path ffmpeg = Path.of(org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
        Map<String, String> env = Map.of("LD_LIBRARY_PATH", ffmpeg.getParent().toString());
        Path dir = Files.createTempDirectory("ketang-bench-recorder");
        System.out.printf(Locale.ROOT, "%d cores, load average %s before the run%n", CORES,
                Files.readString(Path.of("/proc/loadavg")).strip());
        try {
            Usage reference = reference(ffmpeg, env, seconds, dir, "testsrc2=size=1920x1080:rate=25");
            // camera-like content: moving grain everywhere makes x264 work as it does on a real sensor
            Usage grainy = reference(ffmpeg, env, seconds, dir,
                    "testsrc2=size=1920x1080:rate=25,noise=alls=8:allf=t+u");
            agentRun(ffmpeg, env, seconds, variant, dir, reference, grainy);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Plain ffmpeg: a lavfi source at 1080p25 in real time, the agent's x264 settings, to a fragmented MP4. */
    static Usage reference(Path ffmpeg, Map<String, String> env, int seconds, Path dir, String source)
            throws Exception {
        List<String> command = List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-v", "error", "-y", "-re",
                "-f", "lavfi", "-i", source, "-re", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", Integer.toString(seconds), "-map", "0:v", "-map", "1:a",
                "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-profile:v", "high", "-pix_fmt",
                "yuv420p", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-b:v", "4000k", "-maxrate", "4000k",
                "-bufsize", "4000k", "-c:a", "aac", "-b:a", "128k", "-f", "mp4", "-movflags",
                "+frag_keyframe+empty_moov+default_base_moof", dir.resolve("reference.mp4").toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("reference.log").toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        Thread.sleep(3000); // past the start
        Sampler sampler = new Sampler(process.toHandle());
        sampler.sample();
        while (process.isAlive()) {
            Thread.sleep(1000);
            sampler.sample();
        }
        return sampler.usage();
    }

    static void agentRun(Path ffmpeg, Map<String, String> env, int seconds, String variant, Path dir, Usage reference,
            Usage grainy) throws Exception {
        Sink sink = new Sink();
        Path data = Files.createDirectories(dir.resolve("agent"));
        Files.writeString(data.resolve("credentials.json"), "{\"platform\":\"" + sink.uri() + "\",\"enrollment\":"
                + "{\"deviceId\":1,\"token\":\"bench\",\"classroomId\":1,\"classroomName\":\"bench\","
                + "\"schoolName\":\"bench\",\"heartbeatSeconds\":5}}");
        Files.writeString(data.resolve("agent.json"), switch (variant) {
            case "three" -> "{\"sources\":{\"teacher\":\"synthetic:classroom\",\"student\":\"synthetic:students\","
                    + "\"courseware\":\"synthetic:courseware\"},\"program\":{\"director\":{\"coursewareEverySeconds\":20,"
                    + "\"coursewareSeconds\":8}}}";
            case "resource" -> "{\"program\":{\"resourceMode\":true}}";
            case "ts" -> "{\"live\":{\"segmentType\":\"mpegts\"}}";
            default -> "{}";
        });
        int pagePort = RunningPlatform.freePort();
        Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                AGENT_JAR.toString(), "--data", data.toString(), "--port", Integer.toString(pagePort))
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        URI page = URI.create("http://127.0.0.1:" + pagePort);
        try {
            waitForPage(http, page, agent, dir);
            Thread.sleep(2000);
            long commandAt = System.currentTimeMillis();
            post(http, page.resolve("/api/recording/start"));
            post(http, page.resolve("/api/live/on"));
            Thread.sleep(5000); // past the start
            Sampler sampler = new Sampler(agent.toHandle());
            sampler.sample();
            long measureFrom = System.currentTimeMillis();
            for (int i = 0; i < seconds; i++) {
                Thread.sleep(1000);
                sampler.sample();
            }
            Usage usage = sampler.usage();
            post(http, page.resolve("/api/recording/stop"));
            Path recording = waitForRecording(data);

            List<Long> latencies = sink.latencies(ffmpeg, env, dir, measureFrom);
            Continuity frames = continuity(ffmpeg, env, recording);
            long firstFrameDelay = frames.first - commandAt;
            report(seconds, variant, reference, grainy, usage, latencies, frames, firstFrameDelay, sink);
        } finally {
            agent.destroy();
            if (!agent.waitFor(60, TimeUnit.SECONDS)) {
                agent.descendants().forEach(ProcessHandle::destroyForcibly);
                agent.destroyForcibly();
            }
            sink.close();
        }
    }

    static void report(int seconds, String variant, Usage reference, Usage grainy, Usage agent, List<Long> latencies,
            Continuity frames, long firstFrameDelay, Sink sink) {
        System.out.println();
        System.out.println("| " + seconds + " s, 1080p25 x264 veryfast zerolatency 4 Mbit/s | CPU (% of one core) | "
                + "CPU (% of the " + CORES + "-core machine) | headroom | RSS peak / mean |");
        System.out.println("|---|---|---|---|---|");
        row("reference: ffmpeg, lavfi testsrc2 → fMP4", reference);
        row("reference: ffmpeg, testsrc2 + moving grain (camera-like) → fMP4", grainy);
        row("agent (" + variantName(variant) + ") + live push, JVM + ffmpeg", agent);
        System.out.println();
        double overhead = agent.cpuPercentOfOneCore() - reference.cpuPercentOfOneCore();
        System.out.printf(Locale.ROOT, "agent CPU vs reference: %.2f× (+%.0f %% of a core beyond the encode); with a"
                + " camera-like picture expect about %.0f %% of a core (%.0f %% of the machine)%n",
                agent.cpuPercentOfOneCore() / reference.cpuPercentOfOneCore(), overhead,
                grainy.cpuPercentOfOneCore() + overhead, (grainy.cpuPercentOfOneCore() + overhead) / CORES);
        System.out.printf(Locale.ROOT, "frames in the recording: %d, gaps (dropped) %d, repeats %d, out of order %d%n",
                frames.count, frames.dropped, frames.repeated, frames.backwards);
        System.out.printf(Locale.ROOT, "start: first recorded frame %.2f s after the start command (target ≤ 2 s)%n",
                firstFrameDelay / 1000.0);
        if (!latencies.isEmpty()) {
            System.out.printf(Locale.ROOT, "live: %d segments measured; segment on the platform − first frame captured:"
                    + " p50 %.2f s, p95 %.2f s, max %.2f s (1 s segments; a player adds its buffer)%n", latencies.size(),
                    percentile(latencies, 50) / 1000.0, percentile(latencies, 95) / 1000.0,
                    percentile(latencies, 100) / 1000.0);
        } else {
            System.out.println("live: no segment arrived (" + sink.arrivals.size() + " files)");
        }
        double machine = agent.cpuPercentOfOneCore() / CORES;
        boolean realTime = frames.dropped == 0 && frames.backwards == 0 && frames.count > 0;
        System.out.printf(Locale.ROOT, "%ntarget real time (no dropped frames) with ≥ 30 %% CPU headroom: %s "
                + "(headroom %.0f %%, %s)%n", realTime && machine <= 70 ? "met" : "MISSED", 100 - machine,
                realTime ? "real time" : "NOT real time");
    }

    static String variantName(String variant) {
        return switch (variant) {
            case "three" -> "three synthetic cameras, director";
            case "resource" -> "one camera + resource-mode 720p file";
            case "ts" -> "synthetic classroom, live as MPEG-TS segments";
            default -> "synthetic classroom";
        };
    }

    static void row(String what, Usage u) {
        System.out.printf(Locale.ROOT, "| %s | %.0f %% | %.0f %% | %.0f %% | %.0f / %.0f MB |%n", what,
                u.cpuPercentOfOneCore(), u.cpuPercentOfOneCore() / CORES, 100 - u.cpuPercentOfOneCore() / CORES,
                u.peakRssMb(), u.meanRssMb());
    }

    static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static void waitForPage(HttpClient http, URI page, Process agent, Path dir) throws Exception {
        for (int i = 0; i < 120; i++) {
            if (!agent.isAlive()) {
                throw new IllegalStateException("The agent stopped: " + Files.readString(dir.resolve("agent.log")));
            }
            try {
                if (http.send(HttpRequest.newBuilder(page.resolve("/api/status")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The agent's page did not answer");
    }

    static void post(HttpClient http, URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("X-Ketang-Local", "1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + ": " + response.body());
        }
    }

    static Path waitForRecording(Path data) throws Exception {
        for (int i = 0; i < 600; i++) {
            try (Stream<Path> files = Files.walk(data.resolve("recordings"))) {
                List<Path> done = files.filter(p -> p.getFileName().toString().equals("program.mp4")).toList();
                if (!done.isEmpty()) {
                    return done.get(0);
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The recording was not finished");
    }

    /** Continuity of the time strip over every frame of a recording. */
    record Continuity(int count, int dropped, int repeated, int backwards, long first) {
    }

    static Continuity continuity(Path ffmpeg, Map<String, String> env, Path file) throws Exception {
        // only the strip's corner, padded back to full width so that the decoder's geometry holds
        byte[] gray = run(ffmpeg, env, List.of("-hide_banner", "-nostdin", "-v", "error", "-i", file.toString(),
                "-map", "0:v:0", "-vf", "crop=816:96:0:0,pad=1920:96:0:0,format=gray", "-f", "rawvideo", "-"));
        int frameBytes = 1920 * 96;
        Method decode = Class.forName("org.ketang.recorder.capture.TimeStrip").getMethod("decodeGray", byte[].class,
                int.class, int.class);
        int count = gray.length / frameBytes;
        long previous = -1;
        long first = -1;
        int dropped = 0;
        int repeated = 0;
        int backwards = 0;
        for (int i = 0; i < count; i++) {
            byte[] frame = java.util.Arrays.copyOfRange(gray, i * frameBytes, (i + 1) * frameBytes);
            OptionalLong t = (OptionalLong) decode.invoke(null, frame, 1920, 96);
            if (t.isEmpty()) {
                continue;
            }
            long time = t.getAsLong();
            if (first < 0) {
                first = time;
            }
            if (previous >= 0) {
                long step = time - previous;
                if (step == 0) {
                    repeated++;
                } else if (step < 0) {
                    backwards++;
                } else if (step > 60) {
                    dropped += (int) Math.round(step / 40.0) - 1;
                }
            }
            previous = time;
        }
        return new Continuity(count, dropped, repeated, backwards, first);
    }

    static byte[] run(Path ffmpeg, Map<String, String> env, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ffmpeg.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] out;
        try (InputStream in = process.getInputStream()) {
            out = in.readAllBytes();
        }
        process.waitFor();
        return out;
    }

    /** Samples CPU time and RSS of a process and its descendants from /proc. */
    static final class Sampler {
        private final ProcessHandle root;
        private final Map<Long, Long> lastTicks = new ConcurrentHashMap<>();
        private long ticks;
        private long firstNanos = -1;
        private long lastNanos;
        private double peakRss;
        private double rssSum;
        private int rssSamples;

        Sampler(ProcessHandle root) {
            this.root = root;
        }

        void sample() {
            List<ProcessHandle> tree = new ArrayList<>();
            tree.add(root);
            root.descendants().forEach(tree::add);
            double rss = 0;
            for (ProcessHandle p : tree) {
                try {
                    String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long cpu = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    Long before = lastTicks.put(p.pid(), cpu);
                    if (firstNanos >= 0) {
                        ticks += cpu - (before == null ? 0 : before);
                    }
                    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                        if (line.startsWith("VmRSS:")) {
                            rss += Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                        }
                    }
                } catch (IOException | RuntimeException gone) {
                    // ended between listing and reading
                }
            }
            long now = System.nanoTime();
            if (firstNanos < 0) {
                firstNanos = now;
            } else {
                peakRss = Math.max(peakRss, rss);
                rssSum += rss;
                rssSamples++;
            }
            lastNanos = now;
        }

        Usage usage() {
            double seconds = (lastNanos - firstNanos) / 1e9;
            return new Usage(100.0 * ticks / TICKS / seconds, peakRss, rssSamples == 0 ? 0 : rssSum / rssSamples);
        }
    }

    /** The platform's side for the agent: answers the agent API minimally and keeps the live files. */
    static final class Sink implements AutoCloseable {
        final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        Sink() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", this::handle);
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        private void handle(HttpExchange x) throws IOException {
            String path = x.getRequestURI().getPath();
            byte[] body = x.getRequestBody().readAllBytes();
            long at = System.currentTimeMillis();
            String answer = null;
            int status = 404;
            if (path.startsWith("/api/agent/v1/live/")) {
                if (x.getRequestMethod().equals("PUT")) {
                    arrivals.add(new Arrival(path.substring(path.lastIndexOf('/') + 1), body, at));
                }
                status = 204;
            } else if (path.equals("/api/agent/v1/heartbeat")) {
                status = 200;
                answer = "{\"serverTime\":\"" + Instant.now() + "\",\"commands\":[],\"heartbeatSeconds\":5,"
                        + "\"scheduleEtag\":\"\\\"0\\\"\"}";
            } else if (path.equals("/api/agent/v1/commands")) {
                try {
                    Thread.sleep(20_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
                answer = "[]";
            }
            byte[] bytes = answer == null ? new byte[0] : answer.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                x.getResponseBody().write(bytes);
            }
            x.close();
        }

        /** Per segment that arrived after {@code fromMillis}: arrival minus the time strip of its first frame. */
        List<Long> latencies(Path ffmpeg, Map<String, String> env, Path dir, long fromMillis) throws Exception {
            Method decode = Class.forName("org.ketang.recorder.capture.TimeStrip").getMethod("decodeGray",
                    byte[].class, int.class, int.class);
            byte[] init = null;
            List<Long> latencies = new ArrayList<>();
            for (Arrival a : arrivals) {
                if (a.name().equals("init.mp4")) {
                    init = a.body();
                }
                boolean ts = a.name().endsWith(".ts");
                if (!(ts || a.name().endsWith(".m4s") && init != null) || a.atMillis() < fromMillis) {
                    continue;
                }
                Path segment = dir.resolve(ts ? "segment.ts" : "segment.mp4");
                Files.write(segment, ts ? a.body() : init);
                if (!ts) {
                    Files.write(segment, a.body(), java.nio.file.StandardOpenOption.APPEND);
                }
                byte[] gray = run(ffmpeg, env, List.of("-hide_banner", "-nostdin", "-v", "error", "-i",
                        segment.toString(), "-frames:v", "1", "-vf", "crop=816:96:0:0,pad=1920:96:0:0,format=gray",
                        "-f", "rawvideo", "-"));
                OptionalLong t = (OptionalLong) decode.invoke(null, gray, 1920, 96);
                if (t.isPresent()) {
                    latencies.add(a.atMillis() - t.getAsLong());
                }
            }
            return latencies;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}

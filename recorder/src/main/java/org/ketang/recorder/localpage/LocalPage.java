package org.ketang.recorder.localpage;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.ketang.recorder.AgentJson;
import org.ketang.recorder.RecorderAgent;
import org.ketang.recorder.recording.Recorder;
import org.ketang.recorder.storage.Recording;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * The one-click page on the box (一键录制): a big start/stop button, state, elapsed time, disk left, live on/off,
 * the recordings with USB export, and the enrollment form while the box is not enrolled. Chinese first, English
 * second. Bound to 127.0.0.1 by default; every action is a POST that must carry {@code X-Ketang-Local: 1}, which a
 * foreign web page cannot send without a CORS preflight this server never allows.
 */
public final class LocalPage implements AutoCloseable {

    /** The header every action must carry. */
    public static final String ACTION_HEADER = "X-Ketang-Local";

    private static final System.Logger log = System.getLogger(LocalPage.class.getName());

    private final RecorderAgent agent;
    private final HttpServer server;
    private final ExecutorService exports = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "usb-export");
        t.setDaemon(true);
        return t;
    });

    public LocalPage(RecorderAgent agent, String bind, int port) throws IOException {
        this.agent = agent;
        this.server = HttpServer.create(new InetSocketAddress(bind, port), 20);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "local-page");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Where the page is. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
        return URI.create("http://" + host + ":" + address.getPort() + "/");
    }

    private void handle(HttpExchange x) throws IOException {
        try {
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            if (method.equals("GET")) {
                switch (path) {
                    case "/", "/index.html" -> resource(x, "index.html", "text/html; charset=utf-8");
                    case "/api/status" -> json(x, 200, status());
                    case "/api/drives" -> json(x, 200, agent.drives());
                    case "/thumb.jpg" -> thumbnail(x);
                    default -> json(x, 404, Map.of("ok", false, "message", "not found"));
                }
                return;
            }
            if (!method.equals("POST")) {
                json(x, 405, Map.of("ok", false, "message", "method not allowed"));
                return;
            }
            if (!"1".equals(x.getRequestHeaders().getFirst(ACTION_HEADER))) {
                json(x, 403, Map.of("ok", false, "message", "actions need the " + ACTION_HEADER + " header"));
                return;
            }
            JsonNode body = body(x);
            switch (path) {
                case "/api/recording/start" -> {
                    Recording r = agent.startRecording(text(body, "title"));
                    ok(x, "录制已开始 / recording started: " + r.id());
                }
                case "/api/recording/stop" -> ok(x, agent.stopRecording().map(r -> "录制已停止，正在保存 / stopped, saving "
                        + r.id()).orElse("当前没有录制 / nothing was being recorded"));
                case "/api/live/on" -> {
                    agent.liveOn();
                    ok(x, "直播已开启 / live on");
                }
                case "/api/live/off" -> {
                    agent.liveOff();
                    ok(x, "直播已关闭 / live off");
                }
                case "/api/enroll" -> {
                    String platform = text(body, "platform");
                    String code = text(body, "code");
                    if (platform == null || code == null) {
                        json(x, 400, Map.of("ok", false, "message", "请填写平台地址和注册码 / platform and code are required"));
                        return;
                    }
                    var enrollment = agent.enroll(URI.create(platform.trim()), code);
                    ok(x, "已注册到 " + enrollment.schoolName() + " " + enrollment.classroomName() + " / enrolled");
                }
                case "/api/export" -> {
                    List<String> ids = new ArrayList<>();
                    body.path("recordingIds").forEach(n -> ids.add(n.asString()));
                    String target = text(body, "target");
                    exports.submit(() -> {
                        try {
                            agent.exportToUsb(ids, target == null ? null : Path.of(target));
                        } catch (IOException | RuntimeException e) {
                            log.log(System.Logger.Level.WARNING, "USB export failed: " + e.getMessage());
                        }
                    });
                    ok(x, "开始拷贝 / copying started");
                }
                default -> json(x, 404, Map.of("ok", false, "message", "not found"));
            }
        } catch (Recorder.Refused e) {
            json(x, 409, Map.of("ok", false, "message", e.getMessage()));
        } catch (IOException | RuntimeException e) {
            json(x, 500, Map.of("ok", false, "message", e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    /** What the page shows. */
    private Map<String, Object> status() {
        RecorderAgent.Status s = agent.status();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("state", s.state());
        view.put("enrolled", s.enrolled());
        view.put("platform", s.platform());
        view.put("classroom", s.classroom());
        view.put("school", s.school());
        view.put("online", s.online());
        Recording r = s.recorder().recording();
        if (r != null) {
            Map<String, Object> recording = new LinkedHashMap<>();
            recording.put("id", r.id());
            recording.put("title", r.title());
            recording.put("startedAt", r.startedAt());
            recording.put("elapsedSeconds", Duration.between(r.startedAt(), Instant.now()).toSeconds());
            recording.put("plannedEnd", r.plannedEnd());
            recording.put("scheduled", r.scheduleUid() != null);
            view.put("recording", recording);
        }
        view.put("live", s.recorder().live());
        view.put("sources", s.recorder().sources());
        view.put("audioLevelDb", s.recorder().audioLevel());
        view.put("disk", Map.of("freeBytes", s.space().freeBytes(), "totalBytes", s.space().totalBytes(),
                "reserveBytes", s.space().reserveBytes(), "low", s.space().low()));
        view.put("upload", s.upload());
        view.put("problems", s.problems());
        view.put("configVersion", s.configVersion());
        view.put("export", s.export());
        view.put("exportOutcome", s.exportOutcome());
        view.put("next", s.next());
        view.put("version", RecorderAgent.VERSION);
        List<Map<String, Object>> recordings = new ArrayList<>();
        List<Recording> all = new ArrayList<>(agent.recordings());
        java.util.Collections.reverse(all);
        for (Recording rec : all.subList(0, Math.min(30, all.size()))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", rec.id());
            row.put("title", rec.title());
            row.put("startedAt", rec.startedAt());
            row.put("phase", rec.phase());
            row.put("bytes", rec.bytes());
            row.put("durationSeconds", rec.durationSeconds());
            row.put("confirmed", rec.confirmed());
            recordings.add(row);
        }
        view.put("recordings", recordings);
        return view;
    }

    private void thumbnail(HttpExchange x) throws IOException {
        var jpeg = agent.thumbnail();
        if (jpeg.isEmpty()) {
            x.sendResponseHeaders(204, -1);
            x.close();
            return;
        }
        x.getResponseHeaders().set("Content-Type", "image/jpeg");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(200, jpeg.get().length);
        x.getResponseBody().write(jpeg.get());
        x.close();
    }

    private static JsonNode body(HttpExchange x) throws IOException {
        byte[] bytes = x.getRequestBody().readAllBytes();
        return bytes.length == 0 ? AgentJson.MAPPER.createObjectNode() : AgentJson.MAPPER.readTree(bytes);
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() || node.asString().isBlank() ? null : node.asString();
    }

    private static void ok(HttpExchange x, String message) throws IOException {
        json(x, 200, Map.of("ok", true, "message", message));
    }

    private void resource(HttpExchange x, String name, String type) throws IOException {
        try (InputStream in = LocalPage.class.getResourceAsStream(name)) {
            if (in == null) {
                json(x, 404, Map.of("ok", false, "message", "missing " + name));
                return;
            }
            byte[] bytes = in.readAllBytes();
            x.getResponseHeaders().set("Content-Type", type);
            x.getResponseHeaders().set("Cache-Control", "no-store");
            x.getResponseHeaders().set("X-Frame-Options", "DENY");
            x.sendResponseHeaders(200, bytes.length);
            x.getResponseBody().write(bytes);
            x.close();
        }
    }

    private static void json(HttpExchange x, int status, Object body) throws IOException {
        byte[] bytes = AgentJson.MAPPER.writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
        exports.shutdownNow();
    }

}

package org.ketang.recorder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.ketang.agent.protocol.AgentApi;
import org.ketang.agent.protocol.Command;
import org.ketang.agent.protocol.CommandResult;
import org.ketang.agent.protocol.EnrollRequest;
import org.ketang.agent.protocol.Enrollment;
import org.ketang.agent.protocol.Heartbeat;
import org.ketang.agent.protocol.HeartbeatReply;
import org.ketang.agent.protocol.RecordingReport;
import org.ketang.agent.protocol.RecordingStatus;
import org.ketang.agent.protocol.ScheduleCalendar;
import org.ketang.agent.protocol.ScheduleEntry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A simulated platform for the agent's tests: implements the agent contract ({@code /api/agent/v1/...}) and a
 * faithful tus 1.0 endpoint ({@code /api/v1/uploads}: create, HEAD, PATCH, method override, offset conflicts,
 * SHA-256 check of the finished file) in memory, records what it got, and can go offline and come back on the same
 * port, or cut an upload connection half-way.
 */
public final class FakePlatform implements AutoCloseable {

    public static final String CODE = "7KQ4-M2XP";
    public static final String TOKEN = "device-token-1";

    /** One tus upload as the server holds it. */
    public static final class Upload {
        public final String id;
        public final long length;
        public final Map<String, String> metadata;
        public final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        public volatile String state = "RECEIVING";

        Upload(String id, long length, Map<String, String> metadata) {
            this.id = id;
            this.length = length;
            this.metadata = metadata;
        }

        public synchronized long offset() {
            return bytes.size();
        }

        public synchronized String sha256() {
            return sha(bytes.toByteArray());
        }
    }

    /** A live file that arrived. */
    public record LiveFile(String name, byte[] body, Instant at) {
    }

    public final List<EnrollRequest> enrollments = new CopyOnWriteArrayList<>();
    public final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();
    public final List<CommandResult> results = new CopyOnWriteArrayList<>();
    public final List<RecordingReport> reports = new CopyOnWriteArrayList<>();
    public final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    public final List<LiveFile> live = new CopyOnWriteArrayList<>();
    public final List<String> liveDeletes = new CopyOnWriteArrayList<>();
    public final AtomicInteger scheduleRequests = new AtomicInteger();
    public final AtomicInteger schedule304 = new AtomicInteger();
    public final AtomicInteger recordingQueries = new AtomicInteger();
    private final LinkedBlockingDeque<Command> longPoll = new LinkedBlockingDeque<>();
    private final List<Command> onHeartbeat = new CopyOnWriteArrayList<>();
    private volatile String calendar = ScheduleCalendar.write(List.of(), Instant.EPOCH);
    private volatile String etag = "\"0\"";
    private volatile int heartbeatSeconds = 1;
    private volatile boolean confirm = true;
    private volatile long cutUploadAt = -1;
    private final AtomicInteger nextUpload = new AtomicInteger(1);
    private HttpServer server;
    private int port;

    public FakePlatform() throws IOException {
        start(0);
    }

    private void start(int wanted) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 50);
        port = server.getAddress().getPort();
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-platform");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Stops answering (connections are refused) until {@link #comeBack}. */
    public synchronized void goOffline() {
        server.stop(0);
    }

    /** Answers again on the same port. */
    public synchronized void comeBack() throws IOException {
        start(port);
    }

    public void heartbeatSeconds(int seconds) {
        heartbeatSeconds = seconds;
    }

    /** Serves {@code entries} as the schedule with a new ETag. */
    public void schedule(List<ScheduleEntry> entries) {
        calendar = ScheduleCalendar.write(entries, Instant.now());
        etag = "\"" + Integer.toHexString(calendar.hashCode()) + "\"";
    }

    public String etag() {
        return etag;
    }

    /** Delivers {@code command} on the next long-poll. */
    public void queueOnLongPoll(Command command) {
        longPoll.add(command);
    }

    /** Delivers {@code command} on every heartbeat reply (as a platform resends until acknowledged). */
    public void queueOnHeartbeat(Command command) {
        onHeartbeat.add(command);
    }

    /** Whether completed uploads are confirmed to the agent. */
    public void confirm(boolean confirm) {
        this.confirm = confirm;
    }

    /** The next PATCH that passes {@code offset} is cut there (the connection drops), once. */
    public void cutUploadAt(long offset) {
        cutUploadAt = offset;
    }

    public Upload uploadOf(String recordingId) {
        return uploads.values().stream().filter(u -> recordingId.equals(u.metadata.get("recordingId"))).findFirst()
                .orElse(null);
    }

    private void handle(HttpExchange x) throws IOException {
        try {
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            String override = x.getRequestHeaders().getFirst("X-HTTP-Method-Override");
            if ("POST".equals(method) && override != null) {
                method = override;
            }
            if (path.equals(AgentApi.ENROLL)) {
                EnrollRequest request = read(x, EnrollRequest.class);
                enrollments.add(request);
                if (!CODE.equalsIgnoreCase(request.code())) {
                    send(x, 400, "{\"title\":\"invalid code\"}");
                    return;
                }
                json(x, 200, new Enrollment(7, TOKEN, 3, "录播教室1", "第一中学", heartbeatSeconds));
                return;
            }
            if (!("Bearer " + TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"))) {
                send(x, 401, "{\"title\":\"unauthorized\"}");
                return;
            }
            if (path.equals(AgentApi.HEARTBEAT)) {
                heartbeats.add(read(x, Heartbeat.class));
                json(x, 200, new HeartbeatReply(Instant.now(), List.copyOf(onHeartbeat), heartbeatSeconds, etag));
            } else if (path.equals(AgentApi.COMMANDS)) {
                String query = x.getRequestURI().getQuery();
                int wait = query != null && query.startsWith("waitSeconds=") ? Integer.parseInt(query.substring(12)) : 0;
                Command command = longPoll.poll(Math.min(wait, 2), TimeUnit.SECONDS);
                json(x, 200, command == null ? List.of() : List.of(command));
            } else if (path.startsWith("/api/agent/v1/commands/") && path.endsWith("/result")) {
                results.add(read(x, CommandResult.class));
                send(x, 204, null);
            } else if (path.equals(AgentApi.SCHEDULE)) {
                scheduleRequests.incrementAndGet();
                x.getResponseHeaders().set("ETag", etag);
                if (etag.equals(x.getRequestHeaders().getFirst("If-None-Match"))) {
                    schedule304.incrementAndGet();
                    send(x, 304, null);
                } else {
                    x.getResponseHeaders().set("Content-Type", ScheduleCalendar.MEDIA_TYPE);
                    send(x, 200, calendar);
                }
            } else if (path.startsWith("/api/agent/v1/recordings/")) {
                String id = path.substring("/api/agent/v1/recordings/".length());
                if (method.equals("PUT")) {
                    reports.add(read(x, RecordingReport.class));
                } else {
                    recordingQueries.incrementAndGet();
                }
                json(x, 200, status(id));
            } else if (path.startsWith("/api/agent/v1/live/")) {
                String name = path.substring("/api/agent/v1/live/".length());
                if (method.equals("DELETE")) {
                    liveDeletes.add(name);
                } else {
                    live.add(new LiveFile(name, x.getRequestBody().readAllBytes(), Instant.now()));
                }
                send(x, 204, null);
            } else if (path.startsWith(AgentApi.UPLOADS)) {
                tus(x, method, path);
            } else {
                send(x, 404, null);
            }
        } catch (CutConnection cut) {
            throw cut;
        } catch (IOException gone) {
            // the client went away (a long-poll given up, a killed agent)
            x.close();
        } catch (Exception e) {
            e.printStackTrace();
            send(x, 500, e.toString());
        }
    }

    /** Thrown to make the JDK server drop the connection mid-request. */
    private static final class CutConnection extends RuntimeException {
        CutConnection() {
            super("cut on purpose");
        }
    }

    private RecordingStatus status(String id) {
        Upload upload = uploadOf(id);
        boolean complete = upload != null && upload.state.equals("COMPLETED");
        return new RecordingStatus(id, confirm && complete, complete ? upload.sha256() : null, complete ? 42L : null);
    }

    private void tus(HttpExchange x, String method, String path) throws IOException {
        x.getResponseHeaders().set("Tus-Resumable", "1.0.0");
        if (method.equals("OPTIONS")) {
            x.getResponseHeaders().set("Tus-Version", "1.0.0");
            x.getResponseHeaders().set("Tus-Extension", "creation,termination");
            send(x, 204, null);
            return;
        }
        if (!"1.0.0".equals(x.getRequestHeaders().getFirst("Tus-Resumable"))) {
            send(x, 412, null);
            return;
        }
        if (path.equals(AgentApi.UPLOADS) && method.equals("POST")) {
            long length = Long.parseLong(x.getRequestHeaders().getFirst("Upload-Length"));
            Map<String, String> metadata = new LinkedHashMap<>();
            String raw = x.getRequestHeaders().getFirst("Upload-Metadata");
            if (raw != null) {
                for (String pair : raw.split(",")) {
                    String[] kv = pair.trim().split(" ");
                    metadata.put(kv[0], kv.length > 1 ? new String(Base64.getDecoder().decode(kv[1]),
                            StandardCharsets.UTF_8) : "");
                }
            }
            String id = "u" + nextUpload.getAndIncrement();
            uploads.put(id, new Upload(id, length, metadata));
            x.getResponseHeaders().set("Location", AgentApi.UPLOADS + "/" + id);
            send(x, 201, null);
            return;
        }
        Upload upload = uploads.get(path.substring(AgentApi.UPLOADS.length() + 1));
        if (upload == null) {
            send(x, 404, null);
            return;
        }
        if (upload.state.equals("REJECTED")) {
            send(x, 410, null);
            return;
        }
        if (method.equals("HEAD")) {
            x.getResponseHeaders().set("Upload-Offset", Long.toString(upload.offset()));
            x.getResponseHeaders().set("Upload-Length", Long.toString(upload.length));
            x.getResponseHeaders().set("Cache-Control", "no-store");
            x.sendResponseHeaders(200, -1);
            x.close();
            return;
        }
        if (method.equals("PATCH")) {
            long offset = Long.parseLong(x.getRequestHeaders().getFirst("Upload-Offset"));
            if (offset != upload.offset()) {
                send(x, 409, null);
                return;
            }
            InputStream in = x.getRequestBody();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (upload) {
                    long cut = cutUploadAt;
                    if (cut >= 0 && upload.offset() + n > cut) {
                        upload.bytes.write(buffer, 0, (int) Math.max(0, cut - upload.offset()));
                        cutUploadAt = -1;
                        throw new CutConnection();
                    }
                    if (upload.offset() + n > upload.length) {
                        send(x, 400, null);
                        return;
                    }
                    upload.bytes.write(buffer, 0, n);
                }
            }
            if (upload.offset() == upload.length) {
                String expected = upload.metadata.get("sha256");
                if (expected != null && !expected.equalsIgnoreCase(upload.sha256())) {
                    upload.state = "REJECTED";
                    send(x, 422, null);
                    return;
                }
                upload.state = "COMPLETED";
            }
            x.getResponseHeaders().set("Upload-Offset", Long.toString(upload.offset()));
            send(x, 204, null);
            return;
        }
        send(x, 405, null);
    }

    private static <T> T read(HttpExchange x, Class<T> type) throws IOException {
        return AgentJson.MAPPER.readValue(x.getRequestBody().readAllBytes(), type);
    }

    private static void json(HttpExchange x, int status, Object body) throws IOException {
        x.getResponseHeaders().set("Content-Type", "application/json");
        send(x, status, AgentJson.MAPPER.writeValueAsString(body));
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            x.getResponseBody().write(bytes);
        }
        x.close();
    }

    static String sha(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Heartbeats received so far that carried {@code kind}. */
    public List<org.ketang.agent.protocol.AgentAlert> alerts() {
        List<org.ketang.agent.protocol.AgentAlert> all = new ArrayList<>();
        for (Heartbeat h : heartbeats) {
            all.addAll(h.alerts());
        }
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

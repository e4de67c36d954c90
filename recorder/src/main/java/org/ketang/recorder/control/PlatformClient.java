package org.ketang.recorder.control;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.AgentApi;
import org.ketang.agent.protocol.Command;
import org.ketang.agent.protocol.CommandResult;
import org.ketang.agent.protocol.EnrollRequest;
import org.ketang.agent.protocol.Enrollment;
import org.ketang.agent.protocol.Heartbeat;
import org.ketang.agent.protocol.HeartbeatReply;
import org.ketang.agent.protocol.RecordingReport;
import org.ketang.agent.protocol.RecordingStatus;
import org.ketang.recorder.AgentJson;

import tools.jackson.core.type.TypeReference;

/**
 * The agent's side of {@link AgentApi}: JSON over HTTP(S) with the device's bearer token. Every failure is an
 * {@link IOException} (a {@link Refusal} when the platform answered with an error), so callers log and retry; the
 * agent never needs the platform to keep recording.
 */
public final class PlatformClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** The platform answered with an error status. */
    public static class Refusal extends IOException {
        private final int status;

        public Refusal(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** The credentials are no longer accepted (the device was retired or re-enrolled elsewhere). */
        public boolean unauthorized() {
            return status == 401;
        }
    }

    /** A schedule download. */
    public record Schedule(String calendar, @Nullable String etag) {
    }

    private final URI base;
    private final Supplier<Optional<String>> token;
    private final HttpClient http;

    public PlatformClient(URI base, Supplier<Optional<String>> token) {
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public URI base() {
        return base;
    }

    /** Exchanges a one-time code for credentials (no token needed). */
    public Enrollment enroll(EnrollRequest request) throws IOException {
        return json(send(post(AgentApi.ENROLL, request), TIMEOUT), Enrollment.class);
    }

    public HeartbeatReply heartbeat(Heartbeat heartbeat) throws IOException {
        return json(send(post(AgentApi.HEARTBEAT, heartbeat), TIMEOUT), HeartbeatReply.class);
    }

    /** Long-polls for commands for up to {@code waitSeconds}. */
    public List<Command> commands(int waitSeconds) throws IOException {
        HttpRequest.Builder request = request(AgentApi.COMMANDS + "?waitSeconds=" + waitSeconds).GET();
        HttpResponse<byte[]> response = send(request, Duration.ofSeconds(waitSeconds + 15L));
        return AgentJson.MAPPER.readValue(response.body(), new TypeReference<List<Command>>() {
        });
    }

    public void commandResult(CommandResult result) throws IOException {
        send(post(AgentApi.expand(AgentApi.COMMAND_RESULT, result.commandId()), result), TIMEOUT);
    }

    /** The schedule, or empty when it did not change since {@code etag} (304). */
    public Optional<Schedule> schedule(@Nullable String etag) throws IOException {
        HttpRequest.Builder request = request(AgentApi.SCHEDULE).GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        HttpResponse<byte[]> response = send(request, TIMEOUT, 304);
        if (response.statusCode() == 304) {
            return Optional.empty();
        }
        return Optional.of(new Schedule(new String(response.body(), StandardCharsets.UTF_8),
                response.headers().firstValue("ETag").orElse(null)));
    }

    public RecordingStatus report(RecordingReport report) throws IOException {
        HttpRequest.Builder request = request(AgentApi.expand(AgentApi.RECORDING, report.recordingId()))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(AgentJson.MAPPER.writeValueAsBytes(report)));
        return json(send(request, TIMEOUT), RecordingStatus.class);
    }

    /** What the platform holds of a recording (unknown recordings: not confirmed). */
    public RecordingStatus recording(String recordingId) throws IOException {
        HttpResponse<byte[]> response = send(request(AgentApi.expand(AgentApi.RECORDING, recordingId)).GET(), TIMEOUT,
                404);
        if (response.statusCode() == 404) {
            return new RecordingStatus(recordingId, false, null, null);
        }
        return json(response, RecordingStatus.class);
    }

    private HttpRequest.Builder post(String path, Object body) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(AgentJson.MAPPER.writeValueAsBytes(body)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).header("Accept",
                "application/json");
        token.get().ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        return builder;
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, Duration timeout, int... alsoFine)
            throws IOException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        int status = response.statusCode();
        for (int fine : alsoFine) {
            if (status == fine) {
                return response;
            }
        }
        if (status < 200 || status >= 300) {
            String body = new String(response.body(), StandardCharsets.UTF_8);
            throw new Refusal(status, status + " from " + response.request().uri().getPath() + ": "
                    + (body.length() > 300 ? body.substring(0, 300) : body));
        }
        return response;
    }

    private static <T> T json(HttpResponse<byte[]> response, Class<T> type) throws IOException {
        try {
            return AgentJson.MAPPER.readValue(response.body(), type);
        } catch (RuntimeException e) {
            throw new IOException("Unreadable answer from " + response.request().uri().getPath() + ": " + e.getMessage(),
                    e);
        }
    }
}

package org.ketang.platform.live.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.live.internal.MediaServerHooks;
import org.ketang.platform.live.internal.MediaServerHooks.Verdict;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * HTTP hooks of a media-server cluster in front of the platform (docs/live.md). SRS posts every hook to one URL
 * ({@code action} says which); ZLMediaKit has a URL per hook. Both send the shared secret ({@code ?secret=} in the
 * configured URL, or the header {@code X-Ketang-Hook-Secret}) and read {@code code} 0 as "allowed".
 */
@RestController
@RequestMapping("/api/v1/live/hooks")
@Tag(name = "live-hooks", description = "流媒体服务器回调 / media-server hooks (SRS, ZLMediaKit)")
class LiveHooksController {

    static final String PATHS = "/api/v1/live/hooks/**";
    static final String SECRET_HEADER = "X-Ketang-Hook-Secret";

    /** The code of a refusal (HTTP 200 all the same: SRS and ZLMediaKit look at the code). */
    private static final int DENIED = 403;

    private static final Verdict IGNORED = new Verdict(true, "ignored");

    private final MediaServerHooks hooks;

    LiveHooksController(MediaServerHooks hooks) {
        this.hooks = hooks;
    }

    /** SRS {@code http_hooks}: on_publish, on_unpublish, on_play, on_stop (others are allowed and ignored). */
    @PostMapping("/srs")
    ResponseEntity<Map<String, Object>> srs(@RequestBody Map<String, Object> hook,
            @RequestParam(required = false) @Nullable String secret,
            @RequestHeader(name = SECRET_HEADER, required = false) @Nullable String header) {
        String stream = text(hook, "stream");
        String param = text(hook, "param");
        return answer(header != null ? header : secret, () -> switch (String.valueOf(hook.get("action"))) {
            case "on_publish" -> hooks.publish(stream, param);
            case "on_unpublish" -> hooks.unpublished(stream);
            case "on_play" -> hooks.play(stream, param);
            default -> IGNORED;
        });
    }

    /** ZLMediaKit {@code [hook]}: on_publish, on_play, on_stream_changed (others are allowed and ignored). */
    @PostMapping("/zlm/{name}")
    ResponseEntity<Map<String, Object>> zlm(@PathVariable String name, @RequestBody Map<String, Object> hook,
            @RequestParam(required = false) @Nullable String secret,
            @RequestHeader(name = SECRET_HEADER, required = false) @Nullable String header) {
        String stream = text(hook, "stream");
        String params = text(hook, "params");
        return answer(header != null ? header : secret, () -> switch (name) {
            case "on_publish" -> hooks.publish(stream, params);
            case "on_play" -> hooks.play(stream, params);
            // ZLMediaKit tells of each protocol of a stream going away; the first one ends the session
            case "on_stream_changed" -> Boolean.FALSE.equals(hook.get("regist")) ? hooks.unpublished(stream) : IGNORED;
            default -> IGNORED;
        });
    }

    /** The verdict for a caller with the shared secret; 404 while hooks are not configured, 403 for a wrong secret. */
    private ResponseEntity<Map<String, Object>> answer(@Nullable String secret, Supplier<Verdict> verdict) {
        if (!hooks.enabled()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(body(404, "hooks are off: set ketang.live.hooks.secret"));
        }
        if (!hooks.trusted(secret)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(body(DENIED, "wrong hook secret"));
        }
        Verdict v = verdict.get();
        return ResponseEntity.ok(body(v.allowed() ? 0 : DENIED, v.reason()));
    }

    private static Map<String, Object> body(int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("msg", message);
        return body;
    }

    private static @Nullable String text(Map<String, Object> hook, String key) {
        Object value = hook.get(key);
        return value == null ? null : value.toString();
    }
}

package org.ketang.platform.live.web;

import java.util.LinkedHashMap;
import java.util.Map;

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

    private final MediaServerHooks hooks;

    LiveHooksController(MediaServerHooks hooks) {
        this.hooks = hooks;
    }

    /** SRS {@code http_hooks}: on_publish, on_unpublish, on_play, on_stop (others are allowed and ignored). */
    @PostMapping("/srs")
    ResponseEntity<Map<String, Object>> srs(@RequestBody Map<String, Object> hook,
            @RequestParam(required = false) @Nullable String secret,
            @RequestHeader(name = SECRET_HEADER, required = false) @Nullable String header) {
        ResponseEntity<Map<String, Object>> refused = refuse(secret, header);
        if (refused != null) {
            return refused;
        }
        String stream = text(hook, "stream");
        String param = text(hook, "param");
        Verdict verdict = switch (String.valueOf(hook.get("action"))) {
            case "on_publish" -> hooks.publish(stream, param);
            case "on_unpublish" -> hooks.unpublished(stream);
            case "on_play" -> hooks.play(stream, param);
            default -> new Verdict(true, "ignored");
        };
        return answer(verdict);
    }

    /** ZLMediaKit {@code [hook]}: on_publish, on_play, on_stream_changed (others are allowed and ignored). */
    @PostMapping("/zlm/{name}")
    ResponseEntity<Map<String, Object>> zlm(@PathVariable String name, @RequestBody Map<String, Object> hook,
            @RequestParam(required = false) @Nullable String secret,
            @RequestHeader(name = SECRET_HEADER, required = false) @Nullable String header) {
        ResponseEntity<Map<String, Object>> refused = refuse(secret, header);
        if (refused != null) {
            return refused;
        }
        String stream = text(hook, "stream");
        String params = text(hook, "params");
        Verdict verdict = switch (name) {
            case "on_publish" -> hooks.publish(stream, params);
            case "on_play" -> hooks.play(stream, params);
            // ZLMediaKit tells of each protocol of a stream going away; the first one ends the session
            case "on_stream_changed" -> Boolean.FALSE.equals(hook.get("regist")) ? hooks.unpublished(stream)
                    : new Verdict(true, "ignored");
            default -> new Verdict(true, "ignored");
        };
        return answer(verdict);
    }

    /** 404 while hooks are not configured, 403 for a wrong secret; null when the caller is trusted. */
    private @Nullable ResponseEntity<Map<String, Object>> refuse(@Nullable String secret, @Nullable String header) {
        if (!hooks.enabled()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(body(404, "hooks are off: set ketang.live.hooks.secret"));
        }
        if (!hooks.trusted(header != null ? header : secret)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(body(DENIED, "wrong hook secret"));
        }
        return null;
    }

    private static ResponseEntity<Map<String, Object>> answer(Verdict verdict) {
        return ResponseEntity.ok(body(verdict.allowed() ? 0 : DENIED, verdict.reason()));
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

package org.ketang.platform.observation.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.ObjectMapper;

/**
 * The observers watching each observed lesson on this node, as server-sent event streams ({@code comment},
 * {@code scores}). Nothing is kept: a page that (re)connects reads the lesson's comments first. Several nodes would
 * carry the same events over PostgreSQL LISTEN/NOTIFY, like the home-school channel (docs/homeschool.md).
 */
@Component
public class ObservationStream implements SmartLifecycle {

    static final Duration KEEPALIVE = Duration.ofSeconds(20);
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

    private final Map<Long, Set<SseEmitter>> watchers = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    /** Made on each start: a stopped context (a paused test context, too) may be started again. */
    private @Nullable ScheduledExecutorService keepalive;
    private volatile boolean running;

    ObservationStream(ObjectMapper json) {
        this.json = json;
    }

    /** A new stream of the observed lesson's events (the browser's EventSource reconnects when it ends). */
    public SseEmitter watch(long observedId) {
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        if (!running) {
            emitter.complete();
            return emitter;
        }
        Set<SseEmitter> set = watchers.computeIfAbsent(observedId, k -> ConcurrentHashMap.newKeySet());
        set.add(emitter);
        Runnable gone = () -> set.remove(emitter);
        emitter.onCompletion(gone);
        emitter.onTimeout(gone);
        emitter.onError(e -> gone.run());
        try {
            emitter.send(SseEmitter.event().comment("hello"));
        } catch (IOException | IllegalStateException e) {
            gone.run();
        }
        return emitter;
    }

    /** Sends an event to everyone watching the observed lesson. */
    public void publish(long observedId, String event, Object data) {
        Set<SseEmitter> set = watchers.get(observedId);
        if (set == null || set.isEmpty()) {
            return;
        }
        String body = json.writeValueAsString(data);
        set.forEach(emitter -> send(set, emitter, SseEmitter.event().name(event).data(body)));
    }

    public int watching(long observedId) {
        Set<SseEmitter> set = watchers.get(observedId);
        return set == null ? 0 : set.size();
    }

    private static void send(Set<SseEmitter> set, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            synchronized (emitter) {
                emitter.send(event);
            }
        } catch (IOException | IllegalStateException e) {
            set.remove(emitter);
            emitter.completeWithError(e);
        }
    }

    @Override
    public synchronized void start() {
        keepalive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "observation-keepalive");
            t.setDaemon(true);
            return t;
        });
        running = true;
        keepalive.scheduleWithFixedDelay(() -> watchers.values().forEach(set -> set
                .forEach(emitter -> send(set, emitter, SseEmitter.event().comment("k")))), KEEPALIVE.toSeconds(),
                KEEPALIVE.toSeconds(), TimeUnit.SECONDS);
    }

    /** Ends every stream first, so that a graceful shutdown does not wait for them. */
    @Override
    public synchronized void stop() {
        running = false;
        if (keepalive != null) {
            keepalive.shutdownNow();
            keepalive = null;
        }
        watchers.values().forEach(set -> set.forEach(SseEmitter::complete));
        watchers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

package org.ketang.platform.signage.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The displays connected to this node by server-sent events, and what each last said it shows. A push fans out from
 * a few sender threads so that one slow screen does not hold up the rest; a comment line every
 * {@link #KEEPALIVE} finds dead connections (and keeps proxies from closing idle ones). Presence is per node: on a
 * cluster the fan-out needs a shared channel (PostgreSQL LISTEN/NOTIFY or Redis), see docs/signage.md.
 */
@Component
public class Screens implements DisposableBean, ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(Screens.class);
    static final Duration KEEPALIVE = Duration.ofSeconds(20);
    /** Without a connection or a report for this long a display counts as offline. */
    static final Duration ONLINE_GRACE = Duration.ofSeconds(75);

    /**
     * One open event stream of a display. Events broadcast before its {@code hello} went out wait in {@code pending},
     * so that a push made while the hello is being computed is neither lost nor overwritten by an older hello.
     */
    public static final class Connection {
        private final Screen screen;
        private final long accountId;
        private final SseEmitter emitter;
        private final List<String[]> pending = new ArrayList<>();
        private boolean ready;

        public Connection(Screen screen, long accountId, SseEmitter emitter) {
            this.screen = screen;
            this.accountId = accountId;
            this.emitter = emitter;
        }

        public Screen screen() {
            return screen;
        }

        public long accountId() {
            return accountId;
        }

        public SseEmitter emitter() {
            return emitter;
        }
    }

    /** What a display last reported it plays. */
    public record NowPlaying(@Nullable Long contentId, @Nullable String title, @Nullable Instant since) {
    }

    /** The console's view of a display. */
    public record Presence(boolean online, @Nullable Instant lastSeen, @Nullable NowPlaying nowPlaying,
            @Nullable String lastError, @Nullable Instant lastErrorAt, @Nullable Long clockOffsetMs) {
    }

    private final Map<Long, Set<Connection>> connections = new ConcurrentHashMap<>();
    private final Map<Long, Presence> presence = new ConcurrentHashMap<>();
    private final ExecutorService senders = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "signage-push");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService keepalive = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "signage-keepalive");
        t.setDaemon(true);
        return t;
    });
    private final Clock clock = Clock.systemUTC();
    private volatile boolean closing;

    Screens() {
        keepalive.scheduleWithFixedDelay(this::ping, KEEPALIVE.toSeconds(), KEEPALIVE.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Registers an open stream, then sends it {@code hello} (the display's whole current state, computed after the
     * registration so that nothing falls between the two) and whatever was broadcast to it meanwhile.
     */
    public void connect(Connection connection, Supplier<String> hello) {
        if (closing) {
            // shutting down: a stream opened now would hold up the graceful shutdown; the display retries elsewhere
            connection.emitter().complete();
            return;
        }
        long deviceId = connection.screen().deviceId();
        connections.computeIfAbsent(deviceId, k -> new CopyOnWriteArraySet<>()).add(connection);
        Runnable gone = () -> disconnect(connection);
        connection.emitter().onCompletion(gone);
        connection.emitter().onTimeout(gone);
        connection.emitter().onError(e -> gone.run());
        seen(deviceId);
        String helloJson = hello.get();
        synchronized (connection) {
            write(connection, "hello", helloJson);
            connection.pending.forEach(e -> write(connection, e[0], e[1]));
            connection.pending.clear();
            connection.ready = true;
        }
    }

    private void disconnect(Connection connection) {
        long deviceId = connection.screen().deviceId();
        Set<Connection> open = connections.get(deviceId);
        if (open != null) {
            open.remove(connection);
        }
        seen(deviceId);
    }

    /**
     * Sends an event to every connected display {@code matching}, from the sender threads; {@code data} gives each
     * connection its JSON (return the same string for all when nothing is per display).
     *
     * @return how many streams it goes to
     */
    public int broadcast(String event, Predicate<Screen> matching, Function<Connection, String> data) {
        List<Connection> targets = new ArrayList<>();
        connections.values().forEach(set -> set.stream().filter(c -> matching.test(c.screen())).forEach(targets::add));
        int threads = 4;
        int chunk = Math.max(1, (targets.size() + threads - 1) / threads);
        for (int from = 0; from < targets.size(); from += chunk) {
            List<Connection> part = targets.subList(from, Math.min(targets.size(), from + chunk));
            senders.execute(() -> part.forEach(c -> send(c, event, data.apply(c))));
        }
        return targets.size();
    }

    private void send(Connection c, String event, String json) {
        synchronized (c) {
            if (c.ready) {
                write(c, event, json);
            } else {
                c.pending.add(new String[] { event, json });
            }
        }
    }

    private void write(Connection c, String event, String json) {
        try {
            c.emitter().send(SseEmitter.event().name(event).data(json));
        } catch (IOException | IllegalStateException e) {
            log.debug("display {} dropped: {}", c.screen().deviceId(), e.getMessage());
            c.emitter().completeWithError(e);
            disconnect(c);
        }
    }

    private void ping() {
        connections.values().forEach(set -> set.forEach(c -> {
            try {
                c.emitter().send(SseEmitter.event().comment("k"));
            } catch (IOException | IllegalStateException e) {
                c.emitter().completeWithError(e);
                disconnect(c);
            }
        }));
    }

    /** How many open streams reach screens {@code matching}. */
    public int count(Predicate<Screen> matching) {
        return (int) connections.values().stream().flatMap(Set::stream).filter(c -> matching.test(c.screen())).count();
    }

    public int connectionCount() {
        return connections.values().stream().mapToInt(Set::size).sum();
    }

    public void seen(long deviceId) {
        presence.merge(deviceId, new Presence(false, clock.instant(), null, null, null, null),
                (old, now) -> new Presence(false, now.lastSeen(), old.nowPlaying(), old.lastError(), old.lastErrorAt(),
                        old.clockOffsetMs()));
    }

    /** Records a report: what plays now, an error if any, and the display's measured clock offset. */
    public void reported(long deviceId, @Nullable NowPlaying nowPlaying, @Nullable String error,
            @Nullable Long clockOffsetMs) {
        Instant now = clock.instant();
        presence.compute(deviceId, (k, old) -> new Presence(false, now,
                nowPlaying != null ? nowPlaying : old == null ? null : old.nowPlaying(),
                error != null ? error : old == null ? null : old.lastError(),
                error != null ? now : old == null ? null : old.lastErrorAt(),
                clockOffsetMs != null ? clockOffsetMs : old == null ? null : old.clockOffsetMs()));
    }

    public Presence presenceOf(long deviceId) {
        Set<Connection> open = connections.get(deviceId);
        boolean connected = open != null && !open.isEmpty();
        Presence p = presence.get(deviceId);
        if (p == null) {
            return new Presence(connected, null, null, null, null, null);
        }
        boolean recent = p.lastSeen() != null && p.lastSeen().isAfter(clock.instant().minus(ONLINE_GRACE));
        return new Presence(connected || recent, p.lastSeen(), p.nowPlaying(), p.lastError(), p.lastErrorAt(),
                p.clockOffsetMs());
    }

    /**
     * Ends every stream as shutdown begins: a graceful shutdown would otherwise wait its whole timeout for these
     * never-ending requests. The displays reconnect to another node or when this one is back.
     */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        closing = true;
        connections.values().forEach(set -> set.forEach(c -> c.emitter().complete()));
    }

    @Override
    public void destroy() {
        keepalive.shutdownNow();
        senders.shutdownNow();
        connections.values().forEach(set -> set.forEach(c -> c.emitter().complete()));
    }
}

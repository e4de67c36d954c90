package org.ketang.platform.homeschool.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.ketang.platform.identity.SignedOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import tools.jackson.databind.ObjectMapper;

/**
 * The open notification channels of this node, by user (a user may have several: phone and PC). A message is
 * serialised once and written to every open channel of its recipients by a few fan-out threads; a user is
 * always served by the same thread, so their messages arrive in order. Nothing here is stored: what a user
 * missed while offline is read from the database when the app reconnects (unread counts, notice list).
 *
 * <p>On more than one node each node holds only its own channels; see docs/homeschool.md for the fan-out
 * across nodes (PostgreSQL LISTEN/NOTIFY or Redis pub/sub carrying the same messages).
 */
@Component
public class NotificationHub implements DisposableBean, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationHub.class);

    private final Map<Long, Set<WebSocketSession>> channels = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ObjectMapper json;
    private final HomeschoolSettings settings;
    private final ExecutorService[] writers;
    private final ObjectProvider<PhonePush> push;

    NotificationHub(ObjectMapper json, HomeschoolSettings settings, ObjectProvider<PhonePush> push) {
        this.json = json;
        this.settings = settings;
        this.push = push;
        this.writers = new ExecutorService[settings.fanOutThreads()];
        for (int i = 0; i < writers.length; i++) {
            int no = i;
            writers[i] = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "notify-" + no);
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /** Registers a newly opened channel; returns the decorated session to keep. */
    WebSocketSession opened(long userId, WebSocketSession session) {
        WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(session,
                (int) settings.sendTimeLimit().toMillis(), settings.sendBufferLimit());
        channels.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(safe);
        open.incrementAndGet();
        return safe;
    }

    void closed(long userId, WebSocketSession session) {
        channels.computeIfPresent(userId, (id, set) -> {
            if (set.removeIf(s -> s.getId().equals(session.getId()))) {
                open.decrementAndGet();
            }
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * Closes every channel of someone who signed out, so that a shared phone stops receiving their notices;
     * their other devices reconnect with their own, still valid, sign-in.
     */
    @EventListener
    void signedOut(SignedOut event) {
        closeAll(event.userId(), CloseStatus.POLICY_VIOLATION.withReason("signed out"));
    }

    private void closeAll(long userId, CloseStatus status) {
        Set<WebSocketSession> sessions = channels.remove(userId);
        if (sessions != null) {
            for (WebSocketSession session : sessions) {
                open.decrementAndGet();
                try {
                    session.close(status);
                } catch (IOException | RuntimeException ignored) {
                    // already gone
                }
            }
        }
    }

    /** Open channels on this node. */
    public int connections() {
        return open.get();
    }

    /** Whether the user has an open channel on this node right now. */
    public boolean online(long userId) {
        return channels.containsKey(userId);
    }

    /** Sends {@code message} (serialised as JSON) to every open channel of each user; returns at once. */
    public void send(Collection<Long> userIds, Object message) {
        if (userIds.isEmpty()) {
            return;
        }
        TextMessage text = new TextMessage(json.writeValueAsString(message));
        List<List<Long>> byWriter = new ArrayList<>();
        for (int i = 0; i < writers.length; i++) {
            byWriter.add(new ArrayList<>());
        }
        List<Long> offline = new ArrayList<>();
        for (Long userId : userIds) {
            if (channels.containsKey(userId)) {
                byWriter.get(Math.floorMod(userId.hashCode(), writers.length)).add(userId);
            } else {
                offline.add(userId);
            }
        }
        if (!offline.isEmpty()) {
            push.ifAvailable(p -> {
                Map<?, ?> fields = message instanceof Map<?, ?> map ? map : Map.of();
                p.offline(offline, String.valueOf(fields.get("type")), !Boolean.FALSE.equals(fields.get("alert")));
            });
        }
        for (int i = 0; i < writers.length; i++) {
            List<Long> users = byWriter.get(i);
            if (!users.isEmpty()) {
                writers[i].execute(() -> users.forEach(user -> write(user, text)));
            }
        }
    }

    public void send(long userId, Object message) {
        send(List.of(userId), message);
    }

    private void write(long userId, TextMessage text) {
        Set<WebSocketSession> sessions = channels.get(userId);
        if (sessions == null) {
            return;
        }
        for (WebSocketSession session : sessions) {
            try {
                session.sendMessage(text);
            } catch (IOException | RuntimeException e) {
                // a slow or broken channel is dropped; the app reconnects and reads what it missed
                log.debug("Closing notification channel of user {}: {}", userId, e.toString());
                closed(userId, session);
                try {
                    session.close(CloseStatus.SESSION_NOT_RELIABLE);
                } catch (IOException | RuntimeException ignored) {
                    // already gone
                }
            }
        }
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /**
     * Closes every channel with 1001 (going away) before the web server's graceful shutdown, which would otherwise
     * wait for these never-ending connections; the apps reconnect, to another node when there is one.
     */
    @Override
    public void stop() {
        running = false;
        for (Long userId : List.copyOf(channels.keySet())) {
            closeAll(userId, CloseStatus.GOING_AWAY);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() {
        for (ExecutorService writer : writers) {
            writer.shutdownNow();
        }
    }
}

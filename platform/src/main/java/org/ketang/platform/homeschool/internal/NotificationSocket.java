package org.ketang.platform.homeschool.internal;

import java.util.Map;

import org.ketang.platform.identity.Actor;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * {@code /ws/notifications}: one plain WebSocket per signed-in user and device, JSON messages from the server
 * ({@code notice}, {@code receipt}, {@code reminder}; see docs/homeschool.md). The handshake is an ordinary
 * HTTP request, so it is signed in like any other — the web session cookie or an app's bearer token — and a
 * browser's {@code Origin} must be the platform's own (or listed in {@code ketang.homeschool.allowed-origins}),
 * so another site cannot open a channel with a parent's cookie. Plain WebSocket rather than STOMP: one
 * channel per user needs no broker or subscriptions, and each idle connection costs only Tomcat's NIO state.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class NotificationSocket extends TextWebSocketHandler implements WebSocketConfigurer {

    static final String PATH = "/ws/notifications";
    private static final String USER = "ketang.userId";

    private final NotificationHub hub;
    private final HomeschoolSettings settings;

    NotificationSocket(NotificationHub hub, HomeschoolSettings settings) {
        this.hub = hub;
        this.settings = settings;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        var registration = registry.addHandler(this, PATH).addInterceptors(new SignedIn());
        if (!settings.allowedOrigins().isEmpty()) {
            registration.setAllowedOrigins(settings.allowedOrigins().toArray(String[]::new));
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        long userId = (Long) session.getAttributes().get(USER);
        session.getAttributes().put("ketang.channel", hub.opened(userId, session));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
        // the app may send {"type":"ping"} to keep proxies from closing an idle channel
        WebSocketSession channel = (WebSocketSession) session.getAttributes().get("ketang.channel");
        if (channel != null && message.getPayload().contains("\"ping\"")) {
            channel.sendMessage(new TextMessage("{\"type\":\"pong\"}"));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Object userId = session.getAttributes().get(USER);
        if (userId instanceof Long id) {
            hub.closed(id, session);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        afterConnectionClosed(session, CloseStatus.SERVER_ERROR);
    }

    /** Lets only signed-in people (not classroom devices) open a channel; others get 401. */
    static final class SignedIn implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                WebSocketHandler handler, Map<String, Object> attributes) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof Actor actor
                    && !actor.can(org.ketang.platform.identity.Permission.DEVICE_AGENT)) {
                attributes.put(USER, actor.userId());
                return true;
            }
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                Exception exception) {
            // nothing to do
        }
    }
}

package org.ketang.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The reference: the same Tomcat WebSocket stack the platform runs on, with nothing else — no sign-in, no
 * database, no Spring. {@code POST /broadcast?first=N} sends the request body to the first N connections
 * (all when 0) from 2 writer threads, as the platform's hub does. Run as its own process by the benchmark.
 */
public final class BareBroadcastServer {

    static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();
    static final List<Session> ORDER = java.util.Collections.synchronizedList(new ArrayList<>());
    static final ExecutorService[] WRITERS = { Executors.newSingleThreadExecutor(), Executors.newSingleThreadExecutor() };

    @ServerEndpoint("/ws")
    public static class Endpoint {
        @OnOpen
        public void open(Session session) {
            SESSIONS.add(session);
            ORDER.add(session);
        }

        @OnClose
        public void close(Session session) {
            SESSIONS.remove(session);
            ORDER.remove(session);
        }
    }

    public static class Broadcast extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String body = new String(request.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int first = Integer.parseInt(request.getParameter("first") == null ? "0" : request.getParameter("first"));
            List<Session> targets;
            synchronized (ORDER) {
                targets = new ArrayList<>(first > 0 ? ORDER.subList(0, Math.min(first, ORDER.size())) : ORDER);
            }
            for (int w = 0; w < WRITERS.length; w++) {
                int part = w;
                WRITERS[w].execute(() -> {
                    for (int i = part; i < targets.size(); i += WRITERS.length) {
                        try {
                            targets.get(i).getBasicRemote().sendText(body);
                        } catch (IOException | RuntimeException ignored) {
                            // a closed client
                        }
                    }
                });
            }
            response.setStatus(201);
            response.getWriter().write("{\"sent\":" + targets.size() + "}");
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().write("{\"connections\":" + SESSIONS.size() + "}");
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("bare-ws").toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("maxConnections", "20000");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", Path.of(".").toAbsolutePath().toString());
        context.addServletContainerInitializer(new WsSci(), Set.of(Endpoint.class));
        // requests run their filters (the WebSocket upgrade is one) only when some servlet maps them
        Tomcat.addServlet(context, "default", new HttpServlet() {
        });
        context.addServletMappingDecoded("/", "default");
        Tomcat.addServlet(context, "broadcast", new Broadcast());
        context.addServletMappingDecoded("/broadcast", "broadcast");
        context.addServletMappingDecoded("/connections", "broadcast");
        tomcat.start();
        System.out.println("listening on " + port);
        tomcat.getServer().await();
    }
}

package org.ketang.recorder.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ketang.agent.protocol.AgentAlert;
import org.ketang.agent.protocol.CommandResult;
import org.ketang.recorder.AgentJson;

/**
 * What the platform has not heard yet: command results and alerts, kept on disk ({@code outbox.json}) until a
 * heartbeat that carried them got through (a result also leaves when its own POST succeeded). Bounded, oldest
 * alerts dropped first, so a box offline for weeks does not grow without end.
 */
public final class Outbox {

    private static final int MAX_ALERTS = 200;
    private static final int MAX_RESULTS = 500;

    private record Stored(List<CommandResult> results, List<AgentAlert> alerts) {
    }

    /** A copy of the pending items, to send and then {@link #delivered}. */
    public record Snapshot(List<CommandResult> results, List<AgentAlert> alerts) {
    }

    private final Path file;
    private final List<CommandResult> results = new ArrayList<>();
    private final List<AgentAlert> alerts = new ArrayList<>();

    public Outbox(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            try {
                Stored stored = AgentJson.MAPPER.readValue(Files.readAllBytes(file), Stored.class);
                results.addAll(stored.results() == null ? List.of() : stored.results());
                alerts.addAll(stored.alerts() == null ? List.of() : stored.alerts());
            } catch (RuntimeException unreadable) {
                // a torn file from an old crash: start empty
            }
        }
    }

    public synchronized void add(CommandResult result) {
        results.add(result);
        while (results.size() > MAX_RESULTS) {
            results.remove(0);
        }
        persist();
    }

    public synchronized void add(AgentAlert alert) {
        alerts.add(alert);
        while (alerts.size() > MAX_ALERTS) {
            alerts.remove(0);
        }
        persist();
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(List.copyOf(results), List.copyOf(alerts));
    }

    /** The items of {@code sent} reached the platform. */
    public synchronized void delivered(Snapshot sent) {
        results.removeAll(sent.results());
        alerts.removeAll(sent.alerts());
        persist();
    }

    /** A result reached the platform on its own. */
    public synchronized void delivered(CommandResult result) {
        results.remove(result);
        persist();
    }

    private void persist() {
        try {
            AgentJson.writeAtomically(file, new Stored(results, alerts));
        } catch (IOException e) {
            System.getLogger(Outbox.class.getName()).log(System.Logger.Level.WARNING,
                    "Cannot store the outbox: " + e.getMessage());
        }
    }
}

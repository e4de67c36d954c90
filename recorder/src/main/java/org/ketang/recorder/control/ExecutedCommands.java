package org.ketang.recorder.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ketang.recorder.AgentJson;

import tools.jackson.core.type.TypeReference;

/**
 * The ids of commands this agent has taken on ({@code commands.json}), so that each runs at most once even when it
 * arrives on a heartbeat and a long-poll, or again after a restart. An id is written down before its command runs.
 */
public final class ExecutedCommands {

    private static final int KEEP = 2000;

    private final Path file;
    private final LinkedHashMap<String, Instant> ids = new LinkedHashMap<>();

    public ExecutedCommands(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            try {
                ids.putAll(AgentJson.MAPPER.readValue(Files.readAllBytes(file),
                        new TypeReference<LinkedHashMap<String, Instant>>() {
                        }));
            } catch (RuntimeException unreadable) {
                // torn by an old crash; the platform's expiry bounds what could repeat
            }
        }
    }

    /** Takes on {@code id}: true the first time (and stored at once), false when it was seen before. */
    public synchronized boolean claim(String id, Instant at) throws IOException {
        if (ids.containsKey(id)) {
            return false;
        }
        ids.put(id, at);
        while (ids.size() > KEEP) {
            String oldest = ids.keySet().iterator().next();
            ids.remove(oldest);
        }
        AgentJson.writeAtomically(file, new LinkedHashMap<>(ids));
        return true;
    }

    public synchronized boolean seen(String id) {
        return ids.containsKey(id);
    }

    synchronized Map<String, Instant> all() {
        return Map.copyOf(ids);
    }
}

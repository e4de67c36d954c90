package org.ketang.recorder.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.ketang.recorder.AgentJson;

/**
 * The recordings on this box: one folder per recording under {@code <data>/recordings/<id>/} with the program
 * file(s) and the sidecar {@code recording.json}. Sidecars are written atomically, so a crash leaves the old or the
 * new state, never half of one.
 */
public final class RecordingLibrary {

    /** The sidecar's file name. */
    public static final String SIDECAR = "recording.json";

    private static final System.Logger log = System.getLogger(RecordingLibrary.class.getName());
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("'r-'yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Path root;
    private final Map<String, Recording> recordings = new LinkedHashMap<>();

    /** Opens (and creates) the library under {@code root}, reading every sidecar. */
    public RecordingLibrary(Path root) throws IOException {
        this.root = Files.createDirectories(root);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : dirs) {
                Path sidecar = dir.resolve(SIDECAR);
                if (!Files.exists(sidecar)) {
                    continue;
                }
                try {
                    Recording r = AgentJson.MAPPER.readValue(Files.readAllBytes(sidecar), Recording.class);
                    recordings.put(r.id(), r);
                } catch (RuntimeException e) {
                    log.log(System.Logger.Level.WARNING, "Unreadable sidecar " + sidecar + ": " + e.getMessage());
                }
            }
        }
    }

    /** Starts a new recording's folder and sidecar. */
    public synchronized Recording create(Instant startedAt, @Nullable Instant plannedEnd, @Nullable String title,
            @Nullable String scheduleUid, boolean live) throws IOException {
        String base = ID.format(startedAt);
        String id = base;
        for (int n = 2; recordings.containsKey(id) || Files.exists(root.resolve(id)); n++) {
            id = base + "-" + n;
        }
        Files.createDirectories(root.resolve(id));
        Recording recording = Recording.started(id, startedAt, plannedEnd, title, scheduleUid, live);
        save(recording);
        return recording;
    }

    /** Stores a recording's new state. */
    public synchronized void save(Recording recording) throws IOException {
        AgentJson.writeAtomically(dir(recording.id()).resolve(SIDECAR), recording);
        recordings.put(recording.id(), recording);
    }

    /** Changes a stored recording (if it still exists) and returns the new state. */
    public synchronized Optional<Recording> update(String id, UnaryOperator<Recording> change) throws IOException {
        Recording current = recordings.get(id);
        if (current == null) {
            return Optional.empty();
        }
        Recording next = change.apply(current);
        save(next);
        return Optional.of(next);
    }

    public synchronized Optional<Recording> find(String id) {
        return Optional.ofNullable(recordings.get(id));
    }

    /** All recordings, oldest first. */
    public synchronized List<Recording> all() {
        List<Recording> all = new ArrayList<>(recordings.values());
        all.sort(Comparator.comparing(Recording::startedAt).thenComparing(Recording::id));
        return all;
    }

    /** The folder of a recording. */
    public Path dir(String id) {
        if (!id.matches("[A-Za-z0-9_.-]+") || id.startsWith(".")) {
            throw new IllegalArgumentException("Not a recording id: " + id);
        }
        return root.resolve(id);
    }

    /** The finished program file of a recording, if it has one. */
    public Optional<Path> file(Recording recording) {
        return recording.file() == null ? Optional.empty() : Optional.of(dir(recording.id()).resolve(recording.file()));
    }

    public Path root() {
        return root;
    }

    /** Bytes of every file in the library. */
    public long totalBytes() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException gone) {
                    return 0;
                }
            }).sum();
        }
    }

    /** Removes a recording and its files. Only {@link StorageGuard} calls this, after the platform confirmed it. */
    synchronized void delete(String id) throws IOException {
        Path dir = dir(id);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        recordings.remove(id);
    }

    /** Hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

package org.ketang.platform.live.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The HLS files of each channel, one folder per classroom under {@code ketang.live.dir}. A file is written to a
 * hidden temporary file and then renamed over the old one, so a viewer always reads a whole file, never half a PUT.
 * Segments no playlist names any more are removed after a grace period; when a session ends its files go.
 */
@Component
public class ChannelFiles {

    private static final Logger log = LoggerFactory.getLogger(ChannelFiles.class);

    /** The only names a recorder may write: no path, no leading dot, a known HLS extension. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    private static final Set<String> EXTENSIONS = Set.of("m3u8", "ts", "m4s", "mp4");
    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]+)\"");
    private static final String TEMP_PREFIX = ".put-";
    /** A temporary file this old is left over from a PUT that died with the server. */
    private static final Duration ABANDONED = Duration.ofMinutes(10);

    /** The body was larger than {@code ketang.live.max-file-size}. */
    public static final class TooLarge extends RuntimeException {
        TooLarge(long limit) {
            super("larger than " + limit + " bytes");
        }
    }

    private final Path root;
    private final long maxBytes;
    /** Per classroom: when each file was last written (or first seen after a restart). */
    private final Map<Long, Map<String, Instant>> written = new ConcurrentHashMap<>();

    ChannelFiles(LiveSettings settings) {
        this.root = settings.dir().toAbsolutePath().normalize();
        this.maxBytes = settings.maxFileSize().toBytes();
    }

    /** Whether a recorder may write a file of this name. */
    public static boolean validName(String name) {
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            return false;
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    public static boolean isPlaylist(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".m3u8");
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Streams {@code body} into the channel's file {@code name}, replacing it in one step once complete.
     *
     * @throws TooLarge when the body grows beyond the limit (nothing is replaced)
     */
    public void write(long classroomId, String name, InputStream body, Instant now) throws IOException {
        requireValid(name);
        Path dir = Files.createDirectories(dir(classroomId));
        Path temp = Files.createTempFile(dir, TEMP_PREFIX, ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                int n;
                while ((n = body.read(buffer)) >= 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw new TooLarge(maxBytes);
                    }
                    out.write(buffer, 0, n);
                }
            }
            Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            writtenIn(classroomId).put(name, now);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Removes a file; answers whether it was there. */
    public boolean delete(long classroomId, String name) throws IOException {
        requireValid(name);
        writtenIn(classroomId).remove(name);
        return Files.deleteIfExists(dir(classroomId).resolve(name));
    }

    /** The channel's file, when the name is valid and it exists. */
    public Optional<Path> find(long classroomId, String name) {
        if (!validName(name)) {
            return Optional.empty();
        }
        Path file = dir(classroomId).resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * Removes segments that no playlist of the channel names and that were written more than {@code grace} before
     * {@code now}, and temporary files abandoned by a crash. Playlists stay.
     *
     * @return how many files went
     */
    public int prune(long classroomId, Instant now, Duration grace) {
        Path dir = dir(classroomId);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        Map<String, Instant> times = writtenIn(classroomId);
        Set<String> referenced = new HashSet<>();
        int removed = 0;
        try {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.m3u8")) {
                for (Path playlist : files) {
                    referenced.addAll(referencedBy(readPlaylist(playlist)));
                }
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(TEMP_PREFIX)) {
                        removed += abandoned(file, now) && Files.deleteIfExists(file) ? 1 : 0;
                    } else if (!isPlaylist(name) && !referenced.contains(name)
                            && times.computeIfAbsent(name, n -> now).plus(grace).isBefore(now)) {
                        times.remove(name);
                        removed += Files.deleteIfExists(file) ? 1 : 0;
                    }
                }
            }
        } catch (IOException e) {
            log.warn("Could not prune live channel {}", dir, e);
        }
        return removed;
    }

    /** Removes every file of the channel written at or before {@code upTo} (a session's end): playlists too. */
    public void clear(long classroomId, Instant upTo) {
        Path dir = dir(classroomId);
        if (!Files.isDirectory(dir)) {
            return;
        }
        Map<String, Instant> times = writtenIn(classroomId);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                Instant at = times.get(name);
                if (!name.startsWith(TEMP_PREFIX) && (at == null || !at.isAfter(upTo))) {
                    times.remove(name);
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            log.warn("Could not clear live channel {}", dir, e);
        }
    }

    /** The file names a playlist refers to: its segment lines and {@code URI="…"} attributes (EXT-X-MAP, …). */
    static Set<String> referencedBy(String playlist) {
        Set<String> names = new HashSet<>();
        for (String raw : playlist.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher uri = URI_ATTRIBUTE.matcher(line);
                while (uri.find()) {
                    names.add(fileNameOf(uri.group(1)));
                }
            } else {
                names.add(fileNameOf(line));
            }
        }
        return names;
    }

    /** {@code seg1.ts} of {@code seg1.ts}, {@code ../x/seg1.ts?v=2} or {@code http://host/live/seg1.ts}. */
    private static String fileNameOf(String uri) {
        String path = uri;
        int cut = indexOfAny(path, '?', '#');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    private static String readPlaylist(Path playlist) throws IOException {
        try {
            return Files.readString(playlist, StandardCharsets.UTF_8);
        } catch (NoSuchFileException gone) {
            return "";
        } catch (java.nio.charset.MalformedInputException notText) {
            return "";
        }
    }

    private static boolean abandoned(Path temp, Instant now) {
        try {
            return Files.getLastModifiedTime(temp).toInstant().plus(ABANDONED).isBefore(now);
        } catch (IOException e) {
            return false;
        }
    }

    private Map<String, Instant> writtenIn(long classroomId) {
        return written.computeIfAbsent(classroomId, id -> new ConcurrentHashMap<>());
    }

    private Path dir(long classroomId) {
        return root.resolve(Long.toString(classroomId));
    }

    private static void requireValid(String name) {
        if (!validName(name)) {
            throw new IllegalArgumentException("not a live file name: " + name);
        }
    }

    /**
     * A playlist read whole — small, and replaced every second, so never sent by sendfile (a length taken before the
     * file is replaced would not match what is sent) — or empty when it was just removed.
     */
    public Optional<byte[]> readPlaylist(long classroomId, String name) {
        Optional<Path> file = find(classroomId, name);
        try {
            return file.isPresent() ? Optional.of(Files.readAllBytes(file.get())) : Optional.empty();
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

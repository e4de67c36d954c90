package org.ketang.platform.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link S3MediaStorage} against a real S3-compatible server: Adobe S3Mock, started as its own JVM from
 * {@code target/s3mock.jar} (copied there by the maven-dependency-plugin before the tests run). Nothing is
 * skipped: when the server cannot start, every test fails with the reason.
 */
class S3MediaStorageTests {

    private static final Duration STARTUP = Duration.ofSeconds(25);

    @TempDir
    static Path temp;

    private static Process server;
    private static Path serverLog;
    private static String endpoint;
    private static S3MediaStorage storage;

    @BeforeAll
    static void startServer() throws Exception {
        Path jar = Path.of("target", "s3mock.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            fail("S3Mock is missing at " + jar + "; the maven-dependency-plugin copies it there in"
                    + " generate-test-resources (run the tests through Maven, or `mvn -pl platform generate-test-resources`)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path root = Files.createDirectories(temp.resolve("s3mock-store"));
        serverLog = temp.resolve("s3mock.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-jar",
                jar.toString(),
                "--com.adobe.testing.s3mock.httpPort=" + port, // S3Mock 4 (3.x: --http.port)
                "--server.port=0", // the HTTPS connector; a free one so parallel runs do not clash
                "--server.address=127.0.0.1",
                "--com.adobe.testing.s3mock.domain.root=" + root,
                "--com.adobe.testing.s3mock.region=us-east-1",
                "--spring.main.banner-mode=off")
                .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
        endpoint = "http://127.0.0.1:" + port;
        awaitServer();
        // no initial bucket: the storage creates its own, as MediaConfiguration does on a fresh MinIO
        storage = new S3MediaStorage(settings("ketang-media"));
        storage.ensureBucket();
    }

    private static void awaitServer() throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                fail("S3Mock exited with code " + server.exitValue() + " before answering:\n" + logTail());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint + "/").toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                int status = connection.getResponseCode();
                connection.disconnect();
                if (status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        fail("S3Mock did not answer on " + endpoint + " within " + STARTUP.toSeconds() + " s:\n" + logTail());
    }

    private static String logTail() {
        try {
            List<String> lines = Files.readAllLines(serverLog);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no server log: " + e + ")";
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (storage != null) {
            storage.close();
        }
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static MediaSettings.Storage settings(String bucket) {
        return new MediaSettings.Storage("s3", endpoint, bucket, "us-east-1", "ketang", "ketang-secret", true);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static void putText(String key, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        storage.put(key, new ByteArrayInputStream(bytes), bytes.length);
    }

    @Test
    void aMultiMegabyteFileGoesInAndComesBackWholeAndInRanges() throws IOException {
        byte[] content = randomBytes(12 * 1024 * 1024 + 123, 1);
        Path file = Files.write(temp.resolve("source.mp4"), content);
        String key = "assets/1/source.mp4";

        storage.put(key, file);

        assertThat(storage.exists(key)).isTrue();
        assertThat(storage.size(key)).contains((long) content.length);
        assertThat(read(storage.open(key))).isEqualTo(content);
        assertThat(read(storage.open(key, 0, 10))).isEqualTo(Arrays.copyOfRange(content, 0, 10));
        int offset = 5 * 1024 * 1024 + 7;
        assertThat(read(storage.open(key, offset, 1024 * 1024)))
                .isEqualTo(Arrays.copyOfRange(content, offset, offset + 1024 * 1024));
        assertThat(read(storage.open(key, content.length - 100, 100)))
                .isEqualTo(Arrays.copyOfRange(content, content.length - 100, content.length));
        assertThat(storage.localFile(key)).as("object storage has no local file for ffmpeg").isEmpty();
    }

    @Test
    void aStreamOfSeveralMegabytesIsStoredWithExactlyItsLength() throws IOException {
        byte[] content = randomBytes(3 * 1024 * 1024 + 5, 2);
        String key = "assets/2/360p/segment-00001.ts";

        storage.put(key, new ByteArrayInputStream(content), content.length);

        assertThat(storage.size(key)).contains((long) content.length);
        assertThat(read(storage.open(key))).isEqualTo(content);
        assertThat(read(storage.open(key, 1, 3))).isEqualTo(Arrays.copyOfRange(content, 1, 4));
    }

    @Test
    void keysWithChineseCharactersAndSpacesRoundTrip() throws IOException {
        String key = "assets/语文/第一课 课堂实录/字幕.vtt";
        String text = "WEBVTT\n\n00:00.000 --> 00:02.000\n同学们好\n";

        putText(key, text);

        assertThat(storage.exists(key)).isTrue();
        assertThat(storage.size(key)).contains((long) text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(new String(read(storage.open(key)), StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(storage.list("assets/语文/")).containsExactly(key);
        storage.delete(key);
        assertThat(storage.exists(key)).isFalse();
    }

    @Test
    void anEmptyRangeIsEmptyAsInTheLocalStorage() throws IOException {
        putText("assets/4/index.m3u8", "#EXTM3U\n");

        assertThat(read(storage.open("assets/4/index.m3u8", 2, 0))).isEmpty();
        assertThatThrownBy(() -> storage.open("assets/4/missing.ts", 0, 0)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void putReplacesAnExistingObject() throws IOException {
        putText("assets/3/master.m3u8", "first version, longer");
        putText("assets/3/master.m3u8", "second");

        assertThat(new String(read(storage.open("assets/3/master.m3u8")), StandardCharsets.UTF_8)).isEqualTo("second");
        assertThat(storage.size("assets/3/master.m3u8")).contains(6L);
    }

    @Test
    void aMissingKeyIsAbsentAndOpeningItIsNoSuchFile() throws IOException {
        String key = "assets/404/nothing.ts";

        assertThat(storage.exists(key)).isFalse();
        assertThat(storage.size(key)).isEmpty();
        assertThatThrownBy(() -> storage.open(key)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> storage.open(key, 0, 10)).isInstanceOf(NoSuchFileException.class);
        assertThat(storage.list("assets/404/")).isEmpty();
        storage.delete(key); // deleting what is not there is not an error (as Files.deleteIfExists)
        storage.deletePrefix("assets/404/");
        assertThat(storage.localFile(key)).isEmpty();
    }

    @Test
    void deleteRemovesOnlyThatKey() throws IOException {
        putText("assets/5/a.ts", "a");
        putText("assets/5/b.ts", "b");

        storage.delete("assets/5/a.ts");

        assertThat(storage.exists("assets/5/a.ts")).isFalse();
        assertThat(storage.list("assets/5/")).containsExactly("assets/5/b.ts");
    }

    @Test
    void listIsSortedAndDeletePrefixKeepsNeighbours() throws IOException {
        putText("assets/7/master.m3u8", "m");
        putText("assets/7/480p/index.m3u8", "i");
        putText("assets/7/360p/index.m3u8", "i");
        putText("assets/7/360p/seg-1.ts", "s");
        putText("assets/70/master.m3u8", "neighbour");

        assertThat(storage.list("assets/7/")).containsExactly("assets/7/360p/index.m3u8", "assets/7/360p/seg-1.ts",
                "assets/7/480p/index.m3u8", "assets/7/master.m3u8");

        storage.deletePrefix("assets/7");

        assertThat(storage.list("assets/7/")).isEmpty();
        assertThat(storage.exists("assets/7/master.m3u8")).isFalse();
        assertThat(storage.list("assets/70/")).as("a folder, not a text prefix").containsExactly("assets/70/master.m3u8");
    }

    @Test
    void listAndDeletePrefixGoPastOneThousandKeys() throws Exception {
        // S3 lists 1000 keys per page and deletes at most 1000 per request
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1003; i++) {
            keys.add("assets/8/360p/seg-%05d.ts".formatted(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6); // the S3 client is thread-safe; one by one is slow
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (String key : keys) {
                puts.add(pool.submit(() -> {
                    storage.put(key, new ByteArrayInputStream(new byte[] {1}), 1);
                    return null;
                }));
            }
            for (Future<?> put : puts) {
                put.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(storage.list("assets/8/")).containsExactlyElementsOf(keys);

        storage.deletePrefix("assets/8/");

        assertThat(storage.list("assets/8/")).isEmpty();
    }

    @Test
    void ensureBucketCreatesAMissingBucketAndLeavesAnExistingOneAlone() throws IOException {
        try (S3MediaStorage fresh = new S3MediaStorage(settings("district-fresh"))) {
            assertThatThrownBy(() -> fresh.list("")).as("no bucket yet").isInstanceOf(IOException.class);

            fresh.ensureBucket();
            putText("kept/object.txt", "still here");
            fresh.put("x.txt", new ByteArrayInputStream(new byte[] {1, 2}), 2);
            fresh.ensureBucket(); // a restart against the same bucket

            assertThat(fresh.list("")).containsExactly("x.txt");
            assertThat(storage.exists("kept/object.txt")).isTrue();
        }
    }
}

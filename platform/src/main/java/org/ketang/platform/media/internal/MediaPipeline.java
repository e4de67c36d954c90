package org.ketang.platform.media.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.ketang.platform.media.MediaFailed;
import org.ketang.platform.media.MediaLibrary.AssetState;
import org.ketang.platform.media.MediaLibrary.JobState;
import org.ketang.platform.media.MediaProbe;
import org.ketang.platform.media.MediaReady;
import org.ketang.platform.media.MediaRejected;
import org.ketang.platform.media.MediaStorage;
import org.ketang.platform.media.ProbeResult;
import org.ketang.platform.media.RenditionPublished;
import org.ketang.platform.media.internal.MediaQueue.Asset;
import org.ketang.platform.media.internal.MediaQueue.Job;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The steps of an asset: probe → poster, thumbnails and seek-preview sprite → one ffmpeg run per HLS rendition,
 * lowest first. One run per rendition keeps publishing simple (a rendition is playable the moment its run ends)
 * and costs about the same as one multi-output run on two cores (see bench/). Each step works in a scratch
 * directory and copies its output to storage; its database effects run in the worker's transaction.
 */
@Component
class MediaPipeline {

    /** What the worker offers a running step. */
    interface Control {
        /** Progress of the step, 0–1. */
        void progress(double fraction);

        /** The ffmpeg process, so that cancel can kill it. */
        void started(Process process);
    }

    /** The database effects of a step that succeeded, applied in the same transaction as the job's success. */
    interface Effects {
        void apply();
    }

    static final int POSTER_MAX = 720;
    static final int TILE_WIDTH = 160;
    static final int THUMB_WIDTH = 320;
    static final int MAX_TILES = 100;

    private final MediaQueue queue;
    private final MediaStorage storage;
    private final Ffmpeg ffmpeg;
    private final MediaProbe probe;
    private final MediaSettings settings;
    private final ApplicationEventPublisher events;

    MediaPipeline(MediaQueue queue, MediaStorage storage, Ffmpeg ffmpeg, MediaProbe probe, MediaSettings settings,
            ApplicationEventPublisher events) {
        this.queue = queue;
        this.storage = storage;
        this.ffmpeg = ffmpeg;
        this.probe = probe;
        this.settings = settings;
        this.events = events;
    }

    static String prefix(long assetId) {
        return "assets/" + assetId + "/";
    }

    /** Runs the step of {@code job} (outside any transaction) and returns its database effects. */
    Effects run(Job job, Asset asset, Path work, Control control) throws IOException, InterruptedException {
        Path source = localSource(asset, work);
        if (job.kind().equals(MediaQueue.PROBE)) {
            return probe(asset, source);
        }
        double duration = asset.durationSeconds() == null ? 0 : asset.durationSeconds();
        if (job.kind().equals(MediaQueue.PREVIEW)) {
            return preview(asset, source, work, duration, control);
        }
        if (job.kind().startsWith(MediaQueue.RENDITION)) {
            int size = Integer.parseInt(job.kind().substring(MediaQueue.RENDITION.length()));
            return rendition(asset, source, work, duration, size, control);
        }
        throw new IllegalStateException("unknown job kind " + job.kind());
    }

    private Effects probe(Asset asset, Path source) {
        ProbeResult result = probe.probe(source);
        if (result instanceof ProbeResult.Unusable unusable) {
            return () -> {
                queue.setState(asset.id(), AssetState.REJECTED, unusable.reasonEn() + ": " + unusable.detail());
                events.publishEvent(new MediaRejected(asset.id(), asset.ownerRef(), unusable.reasonZh(),
                        unusable.reasonEn()));
            };
        }
        ProbeResult.Playable media = (ProbeResult.Playable) result;
        return () -> {
            queue.probed(asset.id(), media.durationSeconds(), media.width(), media.height(), media.fps(),
                    media.audioCodec() != null);
            List<Ladder.Rung> rungs = Ladder.plan(media.width(), media.height());
            // the lowest rendition first: it makes the lesson playable soonest
            queue.insertJob(asset.id(), MediaQueue.RENDITION + rungs.get(0).size(), 10, settings.maxAttempts());
            queue.insertJob(asset.id(), MediaQueue.PREVIEW, 20, settings.maxAttempts());
            for (int i = 1; i < rungs.size(); i++) {
                queue.insertJob(asset.id(), MediaQueue.RENDITION + rungs.get(i).size(), 20 + 10 * i,
                        settings.maxAttempts());
            }
        };
    }

    private Effects preview(Asset asset, Path source, Path work, double duration, Control control)
            throws IOException, InterruptedException {
        int width = asset.width() == null ? 640 : asset.width();
        int height = asset.height() == null ? 360 : asset.height();
        Path out = Files.createDirectories(work.resolve("preview"));
        Files.createDirectories(out.resolve("thumbs"));

        int posterHeight = Math.min(POSTER_MAX, height / 2 * 2);
        int posterWidth = even((double) width * posterHeight / height);
        String at = seconds(Math.min(duration * 0.1, 10));
        ffmpegOrFail(List.of("-hide_banner", "-nostdin", "-y", "-v", "error", "-ss", at, "-i", source.toString(),
                "-map", "0:v:0", "-frames:v", "1", "-vf", "scale=" + posterWidth + ":" + posterHeight, "-q:v", "3",
                out.resolve("poster.jpg").toString()), Duration.ofSeconds(120), duration, f -> { }, control);

        Sprite sprite = Sprite.of(duration, width, height);
        String filter = "[0:v]fps=1/" + sprite.interval() + ",split=2[a][b];[a]scale=" + TILE_WIDTH + ":"
                + sprite.tileHeight() + ",tile=" + sprite.columns() + "x" + sprite.rows() + "[sprite];[b]scale="
                + THUMB_WIDTH + ":" + even((double) height * THUMB_WIDTH / width) + "[thumbs]";
        ffmpegOrFail(List.of("-hide_banner", "-nostdin", "-y", "-v", "error", "-progress", "pipe:1", "-nostats",
                "-i", source.toString(), "-filter_complex", filter, "-map", "[sprite]", "-frames:v", "1", "-q:v", "4",
                out.resolve("sprite.jpg").toString(), "-map", "[thumbs]", "-q:v", "4",
                out.resolve("thumbs").resolve("thumb_%03d.jpg").toString()), timeout(duration), duration,
                control::progress, control);
        Files.writeString(out.resolve("sprite.vtt"), sprite.webVtt("sprite.jpg"), StandardCharsets.UTF_8);

        upload(out, prefix(asset.id()), null);
        String posterKey = prefix(asset.id()) + "poster.jpg";
        return () -> queue.setPoster(asset.id(), posterKey);
    }

    private Effects rendition(Asset asset, Path source, Path work, double duration, int size, Control control)
            throws IOException, InterruptedException {
        Ladder.Rung rung = rung(asset, size);
        boolean audio = Boolean.TRUE.equals(asset.hasAudio());
        Path out = Files.createDirectories(work.resolve(rung.name()));
        ffmpegOrFail(Ladder.ffmpegArgs(source, out, rung, audio, settings.segmentSeconds()), timeout(duration),
                duration, control::progress, control);
        if (!Files.exists(out.resolve("index.m3u8"))) {
            throw new IOException("ffmpeg wrote no playlist for " + rung.name());
        }
        upload(out, prefix(asset.id()) + rung.name() + "/", "index.m3u8");
        return () -> {
            Asset locked = queue.lockAsset(asset.id()).orElseThrow();
            List<Integer> ready = new ArrayList<>(locked.renditions());
            if (!ready.contains(size)) {
                ready.add(size);
            }
            List<Ladder.Rung> rungs = ready.stream().sorted().map(s -> rung(locked, s)).toList();
            String master = Ladder.masterPlaylist(rungs, audio, locked.fps() == null ? 0 : locked.fps());
            try {
                byte[] bytes = master.getBytes(StandardCharsets.UTF_8);
                storage.put(prefix(asset.id()) + "master.m3u8", new java.io.ByteArrayInputStream(bytes), bytes.length);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            queue.setRenditions(asset.id(), ready);
            events.publishEvent(new RenditionPublished(asset.id(), asset.ownerRef(), size));
        };
    }

    /** After a job's success: the asset is ready when every job succeeded. Runs with the asset row locked. */
    void afterSuccess(long assetId) {
        Asset asset = queue.lockAsset(assetId).orElseThrow();
        if (asset.state() != AssetState.PROCESSING) {
            return;
        }
        List<Job> jobs = queue.jobsOf(assetId);
        boolean probed = jobs.stream().anyMatch(j -> j.kind().startsWith(MediaQueue.RENDITION));
        if (probed && jobs.stream().allMatch(j -> j.state() == JobState.SUCCEEDED)) {
            queue.setState(assetId, AssetState.READY, null);
            events.publishEvent(new MediaReady(assetId, asset.ownerRef(),
                    asset.durationSeconds() == null ? 0 : asset.durationSeconds(),
                    asset.posterKey() == null ? prefix(assetId) + "poster.jpg" : asset.posterKey()));
        }
    }

    /** After a job failed for good: the asset fails (its published renditions stay playable). */
    void afterFailure(long assetId, String error) {
        Asset asset = queue.lockAsset(assetId).orElseThrow();
        if (asset.state() == AssetState.PROCESSING) {
            queue.setState(assetId, AssetState.FAILED, error);
            events.publishEvent(new MediaFailed(assetId, asset.ownerRef(), error));
        }
    }

    Duration timeout(double durationSeconds) {
        return settings.timeoutBase().plus(Duration.ofMillis(
                (long) (settings.timeoutPerMediaSecond().toMillis() * Math.max(1, durationSeconds))));
    }

    private static Ladder.Rung rung(Asset asset, int size) {
        int width = asset.width() == null ? 0 : asset.width();
        int height = asset.height() == null ? 0 : asset.height();
        return Ladder.plan(width, height).stream().filter(r -> r.size() == size).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + size + "p rendition for " + width + "x" + height));
    }

    private void ffmpegOrFail(List<String> args, Duration timeout, double duration, Consumer<Double> progress,
            Control control) throws IOException, InterruptedException {
        Ffmpeg.Result result = ffmpeg.run(Ffmpeg.Tool.FFMPEG, args, timeout,
                duration <= 0 ? null : micros -> progress.accept(Math.min(1, micros / (duration * 1e6))),
                control::started);
        if (result.timedOut()) {
            throw new IOException("ffmpeg timed out after " + timeout.toSeconds() + " s");
        }
        if (!result.ok()) {
            String error = result.stderrTail().isBlank() ? "no message" : result.stderrTail();
            throw new IOException("ffmpeg exited with " + result.exitCode() + ": "
                    + error.lines().reduce((a, b) -> b).orElse(error));
        }
    }

    /** Copies every file under {@code dir} to {@code prefix}; {@code last} goes last (the playlist after its segments). */
    private void upload(Path dir, String prefix, @org.jspecify.annotations.Nullable String last) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted(Comparator.comparing(
                    (Path p) -> p.getFileName().toString().equals(last)).thenComparing(Comparator.naturalOrder()))
                    .toList();
        }
        for (Path file : files) {
            storage.put(prefix + dir.relativize(file).toString().replace('\\', '/'), file);
        }
    }

    private Path localSource(Asset asset, Path work) throws IOException {
        var local = storage.localFile(asset.sourceKey());
        if (local.isPresent()) {
            return local.get();
        }
        Path copy = work.resolve("source" + extension(asset.sourceKey()));
        if (!Files.exists(copy)) {
            try (InputStream in = storage.open(asset.sourceKey())) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return copy;
    }

    static String extension(String name) {
        String file = name.substring(name.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        String ext = dot < 0 ? "" : file.substring(dot).toLowerCase(Locale.ROOT);
        return ext.matches("\\.[a-z0-9]{1,8}") ? ext : "";
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static int even(double value) {
        return Math.max(2, (int) Math.round(value / 2) * 2);
    }

    /** The seek-preview sprite: one tile every {@code interval} seconds, at most {@value #MAX_TILES}. */
    record Sprite(int interval, int count, int columns, int rows, int tileHeight, double duration) {

        static Sprite of(double duration, int width, int height) {
            int interval = Math.max(2, (int) Math.ceil(duration / MAX_TILES));
            int count = Math.max(1, (int) Math.ceil(duration / interval));
            int columns = Math.min(10, count);
            int rows = (count + columns - 1) / columns;
            return new Sprite(interval, count, columns, rows, even((double) height * TILE_WIDTH / width), duration);
        }

        String webVtt(String image) {
            StringBuilder vtt = new StringBuilder("WEBVTT\n\n");
            for (int i = 0; i < count; i++) {
                double start = i * (double) interval;
                double end = Math.min(duration, (i + 1) * (double) interval);
                vtt.append(time(start)).append(" --> ").append(time(end)).append('\n').append(image).append("#xywh=")
                        .append(i % columns * TILE_WIDTH).append(',').append(i / columns * tileHeight).append(',')
                        .append(TILE_WIDTH).append(',').append(tileHeight).append("\n\n");
            }
            return vtt.toString();
        }

        private static String time(double seconds) {
            long millis = Math.round(seconds * 1000);
            return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
                    millis / 1000 % 60, millis % 1000);
        }
    }
}

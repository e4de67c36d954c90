package org.ketang.recorder.usb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.ketang.recorder.storage.Recording;
import org.ketang.recorder.storage.RecordingLibrary;

/**
 * U盘拷贝: copies finished recordings to a folder {@code ketang} on a removable drive, forces them to the device,
 * reads each copy back and compares its SHA-256 with the recording's; a copy that does not match is removed and
 * reported. A {@code <file>.sha256} next to each copy lets anyone check it later ({@code sha256sum -c}).
 */
public final class UsbExport {

    /** The folder on the drive. */
    public static final String FOLDER = "ketang";

    /**
     * Progress of an export.
     *
     * @param recordingId the recording being copied
     * @param copied      bytes copied of this recording
     * @param total       bytes of this recording
     * @param index       which recording (0-based)
     * @param count       how many
     * @param phase       {@code copying}, {@code verifying}, {@code done}
     */
    public record Progress(String recordingId, long copied, long total, int index, int count, String phase) {
    }

    /**
     * How an export ended.
     *
     * @param copied files that were copied and verified
     * @param failed recording id and reason, for those that were not
     */
    public record Result(List<Path> copied, List<String> failed) {

        public boolean ok() {
            return failed.isEmpty() && !copied.isEmpty();
        }
    }

    private final RecordingLibrary library;

    public UsbExport(RecordingLibrary library) {
        this.library = library;
    }

    /** Copies {@code recordings} to {@code drive}/ketang/ and verifies each copy. */
    public Result export(List<Recording> recordings, Path drive, @Nullable Consumer<Progress> progress)
            throws IOException {
        Path folder = Files.createDirectories(drive.resolve(FOLDER));
        List<Path> copied = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        long needed = 0;
        for (Recording r : recordings) {
            needed += library.file(r).map(p -> p.toFile().length()).orElse(0L);
        }
        long free = Files.getFileStore(folder).getUsableSpace();
        if (needed > free) {
            throw new IOException(String.format(java.util.Locale.ROOT,
                    "U盘空间不足：需要 %.1f GB，只有 %.1f GB / not enough space on the drive: %.1f GB needed, %.1f GB free",
                    needed / 1e9, free / 1e9, needed / 1e9, free / 1e9));
        }
        for (int i = 0; i < recordings.size(); i++) {
            Recording r = recordings.get(i);
            Path source = library.file(r).orElse(null);
            if (source == null || !Files.exists(source) || r.sha256() == null) {
                failed.add(r.id() + ": 录制尚未完成 / not finished");
                continue;
            }
            Path target = folder.resolve(r.id() + ".mp4");
            try {
                copy(source, target, r, i, recordings.size(), progress);
                notify(progress, new Progress(r.id(), 0, Files.size(target), i, recordings.size(), "verifying"));
                String sha = RecordingLibrary.sha256(target);
                if (!sha.equalsIgnoreCase(r.sha256())) {
                    Files.deleteIfExists(target);
                    failed.add(r.id() + ": 校验失败 / checksum mismatch after copying");
                    continue;
                }
                Files.writeString(folder.resolve(r.id() + ".mp4.sha256"), sha + "  " + r.id() + ".mp4\n");
                copied.add(target);
                notify(progress, new Progress(r.id(), Files.size(target), Files.size(target), i, recordings.size(),
                        "done"));
            } catch (IOException e) {
                Files.deleteIfExists(target);
                failed.add(r.id() + ": " + e.getMessage());
            }
        }
        return new Result(copied, failed);
    }

    private static void copy(Path source, Path target, Recording r, int index, int count,
            @Nullable Consumer<Progress> progress) throws IOException {
        long total = Files.size(source);
        byte[] buffer = new byte[1 << 20];
        long done = 0;
        try (InputStream in = Files.newInputStream(source);
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                done += n;
                notify(progress, new Progress(r.id(), done, total, index, count, "copying"));
            }
            // on the device before we call it copied (people pull the stick right away)
            out.force(true);
        }
    }

    private static void notify(@Nullable Consumer<Progress> progress, Progress p) {
        if (progress != null) {
            progress.accept(p);
        }
    }
}

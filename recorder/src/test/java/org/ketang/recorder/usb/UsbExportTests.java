package org.ketang.recorder.usb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketang.recorder.storage.Recording;
import org.ketang.recorder.storage.RecordingLibrary;

class UsbExportTests {

    @TempDir
    Path data;
    @TempDir
    Path stick;

    Recording finished(RecordingLibrary library, String content, String sha) throws IOException {
        Recording r = library.create(java.time.Instant.now().minusSeconds(content.length()), null, null, null, false);
        Path file = library.dir(r.id()).resolve("program.mp4");
        Files.writeString(file, content);
        Recording done = r.finished(r.startedAt().plusSeconds(60), "program.mp4", Files.size(file),
                sha != null ? sha : RecordingLibrary.sha256(file), 60, false, null);
        library.save(done);
        return done;
    }

    @Test
    void chosenRecordingsAreCopiedAndVerifiedWithProgress() throws IOException {
        RecordingLibrary library = new RecordingLibrary(data);
        Recording a = finished(library, "a".repeat(3_000_000), null);
        Recording b = finished(library, "b".repeat(10), null);
        List<UsbExport.Progress> progress = new ArrayList<>();

        UsbExport.Result result = new UsbExport(library).export(List.of(a, b), stick, progress::add);

        assertThat(result.ok()).isTrue();
        assertThat(result.copied()).containsExactly(stick.resolve("ketang/" + a.id() + ".mp4"),
                stick.resolve("ketang/" + b.id() + ".mp4"));
        assertThat(RecordingLibrary.sha256(result.copied().get(0))).isEqualTo(a.sha256());
        assertThat(Files.readString(stick.resolve("ketang/" + a.id() + ".mp4.sha256")))
                .isEqualTo(a.sha256() + "  " + a.id() + ".mp4\n");
        assertThat(progress).extracting(UsbExport.Progress::phase).contains("copying", "verifying", "done");
        assertThat(progress).filteredOn(p -> p.recordingId().equals(a.id()) && p.phase().equals("copying"))
                .extracting(UsbExport.Progress::copied).isSorted().last().isEqualTo(3_000_000L);
    }

    @Test
    void aCopyThatDoesNotMatchIsRemovedAndReported() throws IOException {
        RecordingLibrary library = new RecordingLibrary(data);
        Recording wrong = finished(library, "content", "0".repeat(64));

        UsbExport.Result result = new UsbExport(library).export(List.of(wrong), stick, null);

        assertThat(result.ok()).isFalse();
        assertThat(result.failed()).singleElement().asString().contains("checksum mismatch");
        assertThat(stick.resolve("ketang/" + wrong.id() + ".mp4")).doesNotExist();
    }

    @Test
    void drivesAreFoundInProcMountsUnderTheUsualFolders() throws IOException {
        Path mounts = data.resolve("mounts");
        Files.writeString(mounts, String.join("\n",
                "/dev/vda / ext4 rw,relatime 0 0",
                "proc /proc proc rw 0 0",
                "/dev/sdb1 " + stick + " vfat rw,uid=1000 0 0",
                "/dev/sdc1 /media/teacher/NO\\040NAME exfat rw 0 0",
                "tmpfs /run/media tmpfs rw 0 0"));

        List<RemovableDrives.Drive> drives = new RemovableDrives(mounts, List.of(stick.getParent())).list();

        assertThat(drives).singleElement().satisfies(d -> {
            assertThat(d.mountPoint()).isEqualTo(stick);
            assertThat(d.device()).isEqualTo("/dev/sdb1");
            assertThat(d.fileSystem()).isEqualTo("vfat");
            assertThat(d.totalBytes()).isPositive();
        });
        assertThat(RemovableDrives.unescape("/media/teacher/NO\\040NAME")).isEqualTo("/media/teacher/NO NAME");
    }

    @Test
    void aDriveTooSmallIsRefusedBeforeCopying() throws IOException {
        RecordingLibrary library = new RecordingLibrary(data);
        Recording huge = finished(library, "x", null);
        Path file = library.dir(huge.id()).resolve("program.mp4");
        // a sparse file that claims to be larger than any disk here
        try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(1L << 43);
        }

        assertThatThrownBy(() -> new UsbExport(library).export(library.all(), stick, null))
                .hasMessageContaining("not enough space");
    }
}

package org.ketang.recorder.usb;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Mounted removable drives (U盘) from {@code /proc/mounts}: file systems mounted under {@code /media},
 * {@code /run/media} or {@code /mnt} with a file-system type a USB stick carries (vfat, exfat, ntfs, ext4 …).
 */
public final class RemovableDrives {

    private static final Set<String> TYPES = Set.of("vfat", "exfat", "ntfs", "ntfs3", "fuseblk", "ext2", "ext3",
            "ext4", "btrfs", "xfs", "hfsplus", "udf", "iso9660");

    /**
     * A drive.
     *
     * @param mountPoint where it is mounted
     * @param device     the block device, e.g. {@code /dev/sdb1}
     * @param fileSystem e.g. {@code vfat}
     * @param freeBytes  free space
     * @param totalBytes size
     */
    public record Drive(Path mountPoint, String device, String fileSystem, long freeBytes, long totalBytes) {
    }

    private final Path mounts;
    private final List<Path> roots;

    /** The real drives of this box. */
    public RemovableDrives() {
        this(Path.of("/proc/mounts"), List.of(Path.of("/media"), Path.of("/run/media"), Path.of("/mnt")));
    }

    /**
     * @param mounts a file in {@code /proc/mounts} format
     * @param roots  folders under which removable drives are mounted
     */
    public RemovableDrives(Path mounts, List<Path> roots) {
        this.mounts = mounts;
        this.roots = List.copyOf(roots);
    }

    /** The drives mounted now (unreadable ones left out). */
    public List<Drive> list() {
        List<Drive> drives = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(mounts);
        } catch (IOException e) {
            return drives;
        }
        for (String line : lines) {
            String[] f = line.split("\\s+");
            if (f.length < 3) {
                continue;
            }
            Path mountPoint = Path.of(unescape(f[1]));
            if (!TYPES.contains(f[2]) || roots.stream().noneMatch(r -> mountPoint.startsWith(r) && !mountPoint.equals(r))) {
                continue;
            }
            try {
                FileStore store = Files.getFileStore(mountPoint);
                drives.add(new Drive(mountPoint, f[0], f[2], store.getUsableSpace(), store.getTotalSpace()));
            } catch (IOException | RuntimeException unreadable) {
                // unplugged meanwhile
            }
        }
        return drives;
    }

    /** /proc/mounts escapes spaces and a few others as octal ({@code \040}). */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() + 0 && field.substring(i + 1, Math.min(field.length(), i + 4))
                    .matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

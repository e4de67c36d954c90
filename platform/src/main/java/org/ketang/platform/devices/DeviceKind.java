package org.ketang.platform.devices;

import java.util.Locale;
import java.util.Optional;

/** What kind of box a device is. */
public enum DeviceKind {
    /** A lecture-capture agent (录播主机). One active recorder per classroom. */
    RECORDER("录播主机", "Recorder"),
    /** A classroom display running the signage player (班牌/教室大屏). */
    DISPLAY("教室显示屏", "Display");

    private final String nameZh;
    private final String nameEn;

    DeviceKind(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    /** The kind for a protocol value such as {@code recorder}, case-insensitively. */
    public static Optional<DeviceKind> parse(String value) {
        for (DeviceKind kind : values()) {
            if (kind.name().equalsIgnoreCase(value.trim())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The protocol value, e.g. {@code recorder}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}

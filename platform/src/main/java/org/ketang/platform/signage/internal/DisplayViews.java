package org.ketang.platform.signage.internal;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** What the display page receives, times in epoch milliseconds of the server's clock. */
public final class DisplayViews {

    private DisplayViews() {
    }

    /**
     * @param url       a file to play or show (VIDEO, IMAGE) or page (WEB); cached ahead when {@code cacheable}
     * @param hls       an HLS playlist (LESSON, LIVE)
     * @param available false when the item cannot play now (a lesson not ready, no live stream): skip and report
     */
    public record Item(long id, String kind, String title, @Nullable String url, @Nullable String hls,
            @Nullable String body, String layout, int durationSeconds, boolean cacheable, boolean available) {
    }

    public record SlotView(long startMs, long endMs, String level, String source, long sourceId, long anchorMs,
            List<Long> items) {

        static SlotView of(Slot s) {
            return new SlotView(s.start().toEpochMilli(), s.end().toEpochMilli(), s.level().name(), s.source(),
                    s.sourceId(), s.anchor().toEpochMilli(), s.contentIds());
        }
    }

    public record PushView(long id, String level, long startMs, @Nullable Long endMs, List<Long> items) {

        static PushView of(Push p) {
            return new PushView(p.id(), p.level().name(), p.startsAt().toEpochMilli(),
                    p.stopsAt() == null ? null : p.stopsAt().toEpochMilli(), p.contentIds());
        }
    }

    public record Info(long deviceId, String name, String classroomName, String schoolName, @Nullable String className) {
    }

    /** The whole current state: sent as {@code hello} on every (re)connect and by {@code GET /state}. */
    public record State(long serverTimeMs, Info display, List<SlotView> slots, List<PushView> pushes,
            Map<Long, Item> items) {
    }

    /** A {@code push} event: the push and its items. */
    public record PushEvent(PushView push, Map<Long, Item> items) {
    }
}

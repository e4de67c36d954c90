package org.ketang.platform.signage.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An ordered list of content with how long each holds the screen, reusable in many schedules: change the playlist
 * and every schedule playing it changes.
 *
 * @param entries in play order
 */
public record Playlist(long id, @Nullable Long schoolId, String name, List<Entry> entries) {

    public Playlist {
        entries = List.copyOf(entries);
    }

    /**
     * One place in the playlist.
     *
     * @param seconds how long it plays here; 0 = the content's own duration
     */
    public record Entry(long contentId, int seconds) {
    }

    public List<Long> contentIds() {
        return entries.stream().map(Entry::contentId).toList();
    }

    public List<Integer> durations() {
        return entries.stream().map(Entry::seconds).toList();
    }
}

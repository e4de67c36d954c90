package org.ketang.recorder.storage;

import java.util.ArrayList;
import java.util.List;

import org.ketang.recorder.AgentSettings;

/**
 * The library's space rules: keep at least {@code minFreePercent} of the volume free and the library below
 * {@code maxBytes}; to get there, give up the oldest recordings the platform has confirmed — and nothing else.
 *
 * @param settings the storage settings
 */
public record Quota(AgentSettings.Storage settings) {

    /**
     * What to do about space.
     *
     * @param evict   recordings to remove, oldest first (all confirmed by the platform)
     * @param enough  whether the rules are met once they are gone
     * @param missing bytes still missing when not enough
     */
    public record Plan(List<String> evict, boolean enough, long missing) {
    }

    /** The free bytes the rules ask for on a volume of {@code totalBytes}. */
    public long reserve(long totalBytes) {
        return totalBytes / 100 * settings.minFreePercent();
    }

    /**
     * The plan for {@code recordings} (any order) when the volume has {@code freeBytes} of {@code totalBytes} free
     * and the library holds {@code libraryBytes}.
     */
    public Plan plan(List<Recording> recordings, long freeBytes, long totalBytes, long libraryBytes) {
        long needFree = Math.max(0, reserve(totalBytes) - freeBytes);
        long needShrink = settings.maxBytes() > 0 ? Math.max(0, libraryBytes - settings.maxBytes()) : 0;
        long need = Math.max(needFree, needShrink);
        List<String> evict = new ArrayList<>();
        if (need <= 0) {
            return new Plan(evict, true, 0);
        }
        List<Recording> oldestFirst = new ArrayList<>(recordings);
        oldestFirst.sort(java.util.Comparator.comparing(Recording::startedAt));
        long gained = 0;
        for (Recording r : oldestFirst) {
            if (gained >= need) {
                break;
            }
            if (r.evictable()) {
                evict.add(r.id());
                gained += r.bytes();
            }
        }
        return new Plan(evict, gained >= need, Math.max(0, need - gained));
    }
}

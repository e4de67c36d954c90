package org.ketang.agent.protocol;

import org.jspecify.annotations.Nullable;

/**
 * One configured input.
 *
 * @param role    {@code teacher}, {@code student}, {@code courseware} or {@code audio}
 * @param url     the configured source URL with any password removed (e.g. {@code rtsp://cam1/stream},
 *                {@code v4l2:///dev/video0}, {@code synthetic:classroom})
 * @param ok      whether frames (or samples) arrive
 * @param problem what is wrong when not ok, e.g. "connection refused"
 */
public record SourceHealth(String role, String url, boolean ok, @Nullable String problem) {
}

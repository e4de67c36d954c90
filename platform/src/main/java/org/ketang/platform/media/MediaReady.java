package org.ketang.platform.media;

/** All renditions, the poster and the seek preview of an asset are published. */
public record MediaReady(long assetId, String ownerRef, double durationSeconds, String posterKey) {
}

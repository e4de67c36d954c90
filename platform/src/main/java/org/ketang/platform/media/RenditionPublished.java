package org.ketang.platform.media;

/** One HLS rendition became playable (the lowest first); the master playlist lists it now. */
public record RenditionPublished(long assetId, String ownerRef, int height) {
}

package org.ketang.platform.media;

/** Processing gave up after its retries; an admin may retry. */
public record MediaFailed(long assetId, String ownerRef, String error) {
}

package org.ketang.platform.media;

/** Processing refused the source as unusable; the reason is in Chinese and English. */
public record MediaRejected(long assetId, String ownerRef, String reasonZh, String reasonEn) {
}

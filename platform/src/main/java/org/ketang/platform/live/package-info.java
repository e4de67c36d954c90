/**
 * Live classes (课堂直播): each recording classroom has a channel. Its recorder pushes HLS by authenticated HTTP PUT
 * ({@code AgentApi.LIVE}); the platform keeps the files of each channel on disk, records a live session while the
 * playlist keeps coming, serves viewers through signed, expiring paths ({@code /live/play/<token>/index.m3u8}) and
 * links an ended session to the library lesson made from the recording. Viewers are admitted like lessons: their
 * school, or everyone signed in for an open class (公开课). A district that outgrows one machine puts SRS or
 * ZLMediaKit in front; their HTTP hooks ask the platform who may publish and play. Other modules listen to
 * {@link org.ketang.platform.live.LiveStarted} and {@link org.ketang.platform.live.LiveEnded}.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "identity", "http", "audit", "organization", "devices", "library", "media" })
package org.ketang.platform.live;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

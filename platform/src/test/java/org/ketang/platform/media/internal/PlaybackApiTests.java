package org.ketang.platform.media.internal;

import static org.hamcrest.Matchers.containsString;
import static org.ketang.platform.identity.ActingAs.actor;
import static org.ketang.platform.identity.ActingAs.withRoles;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketang.platform.IntegrationTest;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.media.MediaStorage;
import org.ketang.platform.media.PlaybackTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Signed playback URLs and the admin queue API, on files put straight into storage (no transcoding). */
@IntegrationTest
class PlaybackApiTests {

    static final long ASSET = 9_001;

    @Autowired
    MockMvc mvc;

    @Autowired
    PlaybackTokens tokens;

    @Autowired
    MediaStorage storage;

    @Autowired
    MediaSettings settings;

    final byte[] segment = new byte[10_000];

    @BeforeEach
    void publishFiles() throws Exception {
        for (int i = 0; i < segment.length; i++) {
            segment[i] = (byte) i;
        }
        put("master.m3u8", "#EXTM3U\n360p/index.m3u8\n".getBytes(StandardCharsets.UTF_8));
        put("360p/seg_00001.m4s", segment);
        put("sprite.vtt", "WEBVTT\n".getBytes(StandardCharsets.UTF_8));
        put("poster.jpg", new byte[] { (byte) 0xFF, (byte) 0xD8 });
    }

    @Test
    void aValidTokenServesPlaylistsAndSegmentsWithTypesAndCacheHeaders() throws Exception {
        String prefix = tokens.issue(ASSET, 7, Duration.ofHours(1));
        mvc.perform(get(prefix + "master.m3u8")).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/vnd.apple.mpegurl"))
                .andExpect(header().string("Cache-Control", containsString("max-age=5")))
                .andExpect(content().string("#EXTM3U\n360p/index.m3u8\n"));
        mvc.perform(get(prefix + "360p/seg_00001.m4s")).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "video/iso.segment"))
                .andExpect(header().string("Cache-Control", containsString("immutable")))
                .andExpect(content().bytes(segment));
        mvc.perform(get(prefix + "sprite.vtt")).andExpect(header().string("Content-Type", containsString("text/vtt")));
        mvc.perform(get(prefix + "poster.jpg")).andExpect(header().string("Content-Type", "image/jpeg"));
    }

    @Test
    void aRangeRequestGetsPartialContent() throws Exception {
        String prefix = tokens.issue(ASSET, 7, Duration.ofHours(1));
        byte[] part = java.util.Arrays.copyOfRange(segment, 100, 200);
        mvc.perform(get(prefix + "360p/seg_00001.m4s").header("Range", "bytes=100-199"))
                .andExpect(status().isPartialContent())
                .andExpect(header().string("Content-Range", "bytes 100-199/10000"))
                .andExpect(content().bytes(part));
    }

    @Test
    void aTamperedOrExpiredTokenIsRefused() throws Exception {
        String prefix = tokens.issue(ASSET, 7, Duration.ofHours(1));
        String otherAsset = prefix.replace("/play/" + ASSET + ".", "/play/" + (ASSET + 1) + ".");
        mvc.perform(get(otherAsset + "master.m3u8")).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/playback-token"));
        var past = new HmacPlaybackTokens(HmacPlaybackTokens.keyFrom(settings.playbackSecret(), settings.storageDir()),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)));
        mvc.perform(get(past.issue(ASSET, 7, Duration.ofHours(1)) + "master.m3u8")).andExpect(status().isForbidden());
    }

    @Test
    void nothingOutsideTheAssetsPublishedFilesIsServed() throws Exception {
        String prefix = tokens.issue(ASSET, 7, Duration.ofHours(1));
        put("source.mp4", new byte[] { 1, 2, 3 });
        mvc.perform(get(prefix + "source.mp4")).andExpect(status().isNotFound());
        mvc.perform(get(prefix + "360p/seg_00099.m4s")).andExpect(status().isNotFound());
        mvc.perform(get(prefix + "360p/../source.mp4")).andExpect(status().is4xxClientError());
        mvc.perform(get(prefix + "%2e%2e/%2e%2e/playback.key")).andExpect(status().is4xxClientError());
    }

    @Test
    void theQueueIsForLessonManagersAndAnUnknownAssetIsNotFound() throws Exception {
        Actor admin = withRoles(1, "admin", null, BuiltInRole.DISTRICT_ADMIN);
        Actor schoolAdmin = withRoles(2, "sadmin", 1L, BuiltInRole.SCHOOL_ADMIN);
        Actor teacher = withRoles(3, "t1", 1L, BuiltInRole.TEACHER);
        mvc.perform(get("/api/v1/media/jobs").with(actor(admin))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/media/jobs").with(actor(schoolAdmin))).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get("/api/v1/media/jobs").with(actor(teacher))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/media/assets/123456").with(actor(admin))).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/media/assets/123456/cancel").with(actor(schoolAdmin)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/media/assets/123456/retry").with(actor(teacher)).with(csrf()))
                .andExpect(status().isForbidden());
    }

    private void put(String file, byte[] bytes) throws Exception {
        storage.put("assets/" + ASSET + "/" + file, new ByteArrayInputStream(bytes), bytes.length);
    }
}

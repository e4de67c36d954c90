package org.ketang.platform.library;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.ketang.platform.identity.ActingAs.actor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketang.platform.IntegrationTest;
import org.ketang.platform.identity.ActingAs;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.media.MediaLibrary;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The transcode queue and an asset's progress follow the lesson's school and teacher: t1's lesson at 第一中学 is
 * followed by t1 and managed by sadmin1, while 实验中学's t2 and sadmin2 never learn it exists.
 */
@IntegrationTest
@ActiveProfiles({ "test", "demo" })
class LessonAssetAccessApiTests {

    @Autowired MockMvc mvc;
    @Autowired LessonIntake intake;
    @Autowired LessonMedia lessons;
    @Autowired MediaLibrary media;
    @Autowired UserAccounts accounts;

    @TempDir Path dir;
    long asset;

    Actor as(String username) {
        UserAccounts.Account a = accounts.findByUsername(username).orElseThrow();
        return ActingAs.withRoles(a.id(), username, a.schoolId(),
                a.roles().stream().map(BuiltInRole::valueOf).toArray(BuiltInRole[]::new));
    }

    @BeforeEach
    void aLessonOfT1WithAnAsset() throws Exception {
        long lesson = intake.fromUpload(new UploadFacts(UUID.randomUUID().toString(), as("t1").userId(), "课.mp4",
                Instant.now(), "勾股定理"));
        Path file = Files.write(dir.resolve("not-a-video.mp4"), new byte[] { 1, 2, 3 });
        asset = media.submit(LessonIntake.ownerReference(lesson), file);
        lessons.attachAsset(lesson, asset);
    }

    @Test
    void theTeacherAndTheirSchoolsManagerFollowTheAssetOthersGet404() throws Exception {
        mvc.perform(get("/api/v1/media/assets/" + asset).with(actor(as("t1")))).andExpect(status().isOk())
                .andExpect(jsonPath("$.assetId").value(asset));
        mvc.perform(get("/api/v1/media/assets/" + asset).with(actor(as("sadmin1")))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/media/assets/" + asset).with(actor(as("admin")))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/media/assets/" + asset).with(actor(as("t2")))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/media/assets/" + asset).with(actor(as("sadmin2")))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/media/assets/" + asset).with(actor(as("p1")))).andExpect(status().isForbidden());
    }

    @Test
    void aSchoolsManagerSeesItsOwnJobsAndMayRetryThemButNotAnotherSchools() throws Exception {
        mvc.perform(get("/api/v1/media/jobs").with(actor(as("sadmin1"))))
                .andExpect(jsonPath("$[*].assetId", hasItem((int) asset)));
        mvc.perform(get("/api/v1/media/jobs").with(actor(as("sadmin2"))))
                .andExpect(jsonPath("$[*].assetId", not(hasItem((int) asset))));
        mvc.perform(post("/api/v1/media/assets/" + asset + "/cancel").with(actor(as("sadmin2"))).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/media/assets/" + asset + "/cancel").with(actor(as("t1"))).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/media/assets/" + asset + "/cancel").with(actor(as("sadmin1"))).with(csrf()))
                .andExpect(status().isOk());
    }
}

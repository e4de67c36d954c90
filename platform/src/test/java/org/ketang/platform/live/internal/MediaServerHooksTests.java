package org.ketang.platform.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediaServerHooksTests {

    @Test
    void theTokenComesFromSrsAndZlmediakitQueryStringsAlike() {
        assertThat(MediaServerHooks.param("?token=kt_abc&vhost=x", "token")).contains("kt_abc");
        assertThat(MediaServerHooks.param("vhost=x&token=live-1.2.3.a%2Bb", "token")).contains("live-1.2.3.a+b");
        assertThat(MediaServerHooks.param("?tokens=x", "token")).isEmpty();
        assertThat(MediaServerHooks.param("?token=", "token")).isEmpty();
        assertThat(MediaServerHooks.param("", "token")).isEmpty();
        assertThat(MediaServerHooks.param(null, "token")).isEmpty();
    }

    @Test
    void aStreamIsNamedByItsClassroomId() {
        assertThat(MediaServerHooks.classroomOf("42")).contains(42L);
        assertThat(MediaServerHooks.classroomOf("042")).isEmpty();
        assertThat(MediaServerHooks.classroomOf("42.m3u8")).isEmpty();
        assertThat(MediaServerHooks.classroomOf("99999999999999999999")).isEmpty();
        assertThat(MediaServerHooks.classroomOf(null)).isEmpty();
    }
}

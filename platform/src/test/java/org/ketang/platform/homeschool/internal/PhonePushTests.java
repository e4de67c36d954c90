package org.ketang.platform.homeschool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import tools.jackson.databind.json.JsonMapper;

/** The phone-push hook gets exactly the recipients who have no open channel, with the type and the quiet-hours flag. */
class PhonePushTests {

    @Test
    void recipientsWithoutAChannelGoToThePhonePushHook() throws Exception {
        List<String> pushed = new ArrayList<>();
        PhonePush push = (users, type, alert) -> pushed.add(users + " " + type + " " + alert);
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("push", push));
        NotificationHub hub = new NotificationHub(JsonMapper.builder().build(),
                new HomeschoolSettings(null, null, 0, 1, false, null, null, null, false), beans.getBeanProvider(PhonePush.class));
        try {
            hub.send(List.of(7L, 8L), Map.of("type", "homework", "homework", Map.of("id", 1)));
            hub.send(9L, Map.of("type", "message", "alert", false));
            assertThat(pushed).containsExactly("[7, 8] homework true", "[9] message false");
        } finally {
            hub.destroy();
        }
    }
}

package org.ketang.platform.homeschool.internal;

import java.util.Collection;

/**
 * The hook for phone push (Android vendor channels, a unified push service such as 个推 or 极光, APNs for iOS):
 * declare one bean implementing it and {@link NotificationHub} calls it for the recipients of each message who
 * have no open channel on this node. Nothing is sent by default. An implementation should send a short,
 * content-free notification ("您有一条新的家校消息"), never the message itself, so that no push vendor holds a
 * child's data; it must return quickly (queue the vendor calls), since it runs on the fan-out thread.
 * See docs/homeschool.md, "Phone push in mainland China".
 */
public interface PhonePush {

    /**
     * @param userIds recipients without an open channel on this node
     * @param type    the message's {@code type} (notice, message, homework, homework-reviewed, scores, leave …)
     * @param alert   false during the recipient's quiet hours: send silently (data-only) or not at all
     */
    void offline(Collection<Long> userIds, String type, boolean alert);
}

package org.ketang.platform.homeschool.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the home-school app.
 *
 * @param allowedOrigins  origins besides the platform's own that may open the notification WebSocket
 *                        (e.g. {@code https://jxt.example.edu.cn} when the PWA is served elsewhere); empty = same origin only
 * @param sendTimeLimit   how long one slow connection may hold a message before it is closed (it catches up on reconnect)
 * @param sendBufferLimit bytes queued for one slow connection before it is closed
 * @param fanOutThreads   threads that write notifications to sockets; a user always lands on the same one, so
 *                        one user's messages keep their order
 * @param parentPrivateChat whether parents may chat one-to-one with parents of the same class (off by default:
 *                        the school decides)
 * @param withdrawWithin  how long after sending the sender may withdraw a message (the head teacher may always
 *                        withdraw in a class group)
 * @param attachmentMaxSize the largest photo, recording, video or PDF a parent, student or teacher may attach
 *                        (homework, submissions, campus news)
 * @param parentStatistics the class statistics parents see next to their child's scores unless an exam says
 *                        otherwise: {@code AVERAGE}, {@code HIGHEST}, {@code DISTRIBUTION} (default average and highest)
 * @param rankToParents   whether parents see their child's rank in the class (off: rankings stay with teachers,
 *                        following the ministry's rule against publishing rankings)
 */
@ConfigurationProperties("ketang.homeschool")
public record HomeschoolSettings(List<String> allowedOrigins, Duration sendTimeLimit, int sendBufferLimit,
        int fanOutThreads, boolean parentPrivateChat, Duration withdrawWithin,
        DataSize attachmentMaxSize, Set<String> parentStatistics, boolean rankToParents) {

    public HomeschoolSettings {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        sendTimeLimit = sendTimeLimit == null ? Duration.ofSeconds(10) : sendTimeLimit;
        sendBufferLimit = sendBufferLimit <= 0 ? 512 * 1024 : sendBufferLimit;
        withdrawWithin = withdrawWithin == null ? Duration.ofMinutes(2) : withdrawWithin;
        attachmentMaxSize = attachmentMaxSize == null ? DataSize.ofMegabytes(200) : attachmentMaxSize;
        parentStatistics = parentStatistics == null ? Set.of("AVERAGE", "HIGHEST") : Set.copyOf(parentStatistics);
        fanOutThreads = fanOutThreads <= 0 ? Math.max(2, Runtime.getRuntime().availableProcessors()) : fanOutThreads;
    }
}

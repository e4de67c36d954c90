package org.ketang.platform.live.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.live.internal.Broadcasts;
import org.ketang.platform.live.internal.Channels;
import org.ketang.platform.live.internal.LivePlayback;
import org.ketang.platform.organization.Happening;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * Live classes for viewers: what is live now, one channel with what the timetable says is taught there, a playback
 * link, and the open-class (公开课) mark for the school's managers. A channel out of sight is a 404 everywhere.
 */
@RestController
@RequestMapping("/api/v1/live/channels")
@Tag(name = "live", description = "课堂直播 / live classes")
class LiveChannelsController {

    private final Channels channels;
    private final Broadcasts broadcasts;
    private final LivePlayback playback;

    LiveChannelsController(Channels channels, Broadcasts broadcasts, LivePlayback playback) {
        this.channels = channels;
        this.broadcasts = broadcasts;
        this.playback = playback;
    }

    /** What the timetable says is taught in the classroom (now, or during an ended session). */
    record Lesson(long classId, String className, String gradeName, long subjectId, String subjectName,
            @Nullable String teacherName, int period, LocalTime startsAt, LocalTime endsAt, LocalDate date) {

        static @Nullable Lesson of(@Nullable Happening h) {
            return h == null ? null : new Lesson(h.classId(), h.classFullName(), h.gradeName(), h.subjectId(),
                    h.subjectName(), h.teacherName(), h.period().no(), h.period().start(), h.period().end(), h.date());
        }
    }

    /**
     * A channel.
     *
     * @param state      LIVE, ENDED or IDLE
     * @param since      when the current (or last) session began
     * @param endedAt    when the last session ended (ENDED)
     * @param openClass  an open class (公开课): everyone signed in may watch
     * @param lesson     the timetable's lesson
     * @param lessonId   the library lesson an ended session became, once it exists ("回看")
     * @param manageable whether the viewer may change the open-class mark
     */
    record ChannelView(long classroomId, String classroomName, String buildingName, long schoolId, String schoolName,
            String state, @Nullable Instant since, @Nullable Instant endedAt, boolean openClass, @Nullable Lesson lesson,
            @Nullable Long lessonId, boolean manageable) {

        static ChannelView of(Channels.Channel c) {
            var session = c.session();
            return new ChannelView(c.room().classroomId(), c.room().name(), c.room().buildingName(),
                    c.room().schoolId(), c.schoolName(), c.state().name(),
                    session == null ? null : session.startedAt(),
                    c.state() == Channels.State.ENDED && session != null
                            ? (session.endedAt() != null ? session.endedAt() : session.lastSeenAt()) : null,
                    c.openClass(), Lesson.of(c.happening()), c.lessonId(), c.manageable());
        }
    }

    record OpenClassRequest(@NotNull Boolean openClass) {
    }

    record PlaybackView(String url, Instant expiresAt) {
    }

    @GetMapping
    List<ChannelView> live(Actor actor) {
        return channels.liveFor(actor).stream().map(ChannelView::of).toList();
    }

    @GetMapping("/{classroomId}")
    ChannelView channel(Actor actor, @PathVariable long classroomId) {
        return ChannelView.of(visible(actor, classroomId));
    }

    @PutMapping("/{classroomId}")
    ChannelView mark(Actor actor, @PathVariable long classroomId, @Valid @RequestBody OpenClassRequest request,
            HttpServletRequest http) {
        Channels.Channel channel = visible(actor, classroomId);
        if (!channel.manageable()) {
            throw ApiProblem.forbidden();
        }
        broadcasts.markOpenClass(actor, classroomId, channel.room().schoolId(),
                channel.room().name() + "（" + channel.schoolName() + "）", request.openClass(), http.getRemoteAddr());
        return ChannelView.of(visible(actor, classroomId));
    }

    @GetMapping("/{classroomId}/playback")
    PlaybackView playback(Actor actor, @PathVariable long classroomId) {
        Channels.Channel channel = visible(actor, classroomId);
        if (channel.state() != Channels.State.LIVE) {
            throw new ApiProblem(HttpStatus.CONFLICT, "not-live", "该教室当前没有直播", "This classroom is not live now");
        }
        LivePlayback.Link link = playback.issue(classroomId, actor.userId());
        return new PlaybackView(link.url(), link.expiresAt());
    }

    private Channels.Channel visible(Actor actor, long classroomId) {
        return channels.visibleTo(actor, classroomId).orElseThrow(() -> ApiProblem.notFound("该直播频道", "The live channel"));
    }
}

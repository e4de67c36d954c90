package org.ketang.platform.signage.web;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.EnrollRequest;
import org.ketang.platform.audit.AuditTrail;
import org.ketang.platform.devices.Device;
import org.ketang.platform.devices.DeviceEnrollment;
import org.ketang.platform.devices.DeviceKind;
import org.ketang.platform.devices.Devices;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.Directory;
import org.ketang.platform.organization.Period;
import org.ketang.platform.signage.internal.Content;
import org.ketang.platform.signage.internal.Level;
import org.ketang.platform.signage.internal.Pairings;
import org.ketang.platform.signage.internal.Push;
import org.ketang.platform.signage.internal.Schedule;
import org.ketang.platform.signage.internal.Screen;
import org.ketang.platform.signage.internal.Screens;
import org.ketang.platform.signage.internal.Signage;
import org.ketang.platform.signage.internal.SignageStore;
import org.ketang.platform.signage.internal.Slot;
import org.ketang.platform.signage.internal.Targets;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The signage console: pairing displays, content, schedules, pushes, the screens with what they show now, and the
 * resolved timeline of any screen for any day. Needs SIGNAGE_MANAGE; school staff work on their own school, district
 * staff on any school or the whole district ({@code schoolId} left out).
 */
@RestController
@RequestMapping("/api/v1/signage")
@Tag(name = "signage", description = "微媒体发布 / classroom signage")
class SignageController {

    private final SignageStore store;
    private final Signage signage;
    private final Screens screens;
    private final Pairings pairings;
    private final DeviceEnrollment enrollment;
    private final Devices devices;
    private final Directory directory;
    private final AuditTrail audit;

    SignageController(SignageStore store, Signage signage, Screens screens, Pairings pairings,
            DeviceEnrollment enrollment, Devices devices, Directory directory, AuditTrail audit) {
        this.store = store;
        this.signage = signage;
        this.screens = screens;
        this.pairings = pairings;
        this.enrollment = enrollment;
        this.devices = devices;
        this.directory = directory;
        this.audit = audit;
    }

    // ---------------------------------------------------------------- pairing

    record PairRequest(@Nullable String code, @Nullable Long classroomId, @Nullable List<String> tags) {
    }

    record Paired(long deviceId, String classroomName, String schoolName) {
    }

    /** Binds the code a display shows to a classroom: the display is enrolled and gets its token on its next poll. */
    @PostMapping("/pairings")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    Paired pair(Actor actor, @RequestBody PairRequest request, HttpServletRequest http) {
        actor.require(Permission.SIGNAGE_MANAGE);
        if (request.code() == null || request.classroomId() == null) {
            throw ApiProblem.invalid("请输入屏幕上的配对码并选择教室", "code and classroomId are required");
        }
        Pairings.Pairing pairing = pairings.byCode(request.code())
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "pairing-code-invalid",
                        "配对码无效或已过期", "The pairing code is invalid or expired"));
        DeviceEnrollment.Enrolled enrolled = enrollment.enroll(actor, request.classroomId(), DeviceKind.DISPLAY,
                new EnrollRequest("", DeviceKind.DISPLAY.code(), "display-" + pairing.code(), pairing.userAgent(), "web", null,
                        null, null),
                http.getRemoteAddr());
        store.setTags(enrolled.device().id(), tags(request.tags()));
        pairings.confirm(pairing, new Pairings.Confirmed(enrolled.device().id(), enrolled.token(),
                enrolled.classroomName(), enrolled.schoolName()));
        return new Paired(enrolled.device().id(), enrolled.classroomName(), enrolled.schoolName());
    }

    // ---------------------------------------------------------------- screens

    record DisplayRow(long deviceId, String name, long classroomId, String classroomName, long schoolId,
            List<String> tags, boolean online, @Nullable Instant lastSeen, @Nullable Long nowPlayingId,
            @Nullable String nowPlaying, @Nullable Instant playingSince, @Nullable String lastError,
            @Nullable Instant lastErrorAt, @Nullable Long clockOffsetMs) {
    }

    @GetMapping("/displays")
    List<DisplayRow> displays(Actor actor, @RequestParam @Nullable Long schoolId) {
        actor.require(Permission.SIGNAGE_MANAGE);
        return devices.inService(DeviceKind.DISPLAY, actor.schoolToQuery(schoolId)).stream().map(d -> {
            Screens.Presence p = screens.presenceOf(d.id());
            Screens.NowPlaying now = p.nowPlaying();
            return new DisplayRow(d.id(), d.name(), d.classroomId(),
                    directory.classroom(d.classroomId()).map(Directory.ClassroomInfo::name).orElse("#" + d.classroomId()),
                    d.schoolId(), List.copyOf(store.tagsOf(d.id())), p.online(), p.lastSeen(),
                    now == null ? null : now.contentId(), now == null ? null : now.title(),
                    now == null ? null : now.since(), p.lastError(), p.lastErrorAt(), p.clockOffsetMs());
        }).toList();
    }

    record TagsRequest(@Nullable List<String> tags) {
    }

    @PutMapping("/displays/{deviceId}/tags")
    @Transactional
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void setTags(Actor actor, @PathVariable long deviceId, @RequestBody TagsRequest request) {
        Device d = display(actor, deviceId);
        store.setTags(d.id(), tags(request.tags()));
        signage.changed(d.schoolId());
    }

    record SlotRow(Instant start, Instant end, String level, String source, long sourceId, List<ItemRow> items) {
    }

    record ItemRow(long id, String kind, String title) {
    }

    record PeriodRow(int no, LocalTime start, LocalTime end) {
    }

    record TimelineView(long deviceId, LocalDate date, List<PeriodRow> lessons, List<SlotRow> slots) {
    }

    /** What a screen plays on a day, resolved exactly as the screen resolves it (pushes included). */
    @GetMapping("/displays/{deviceId}/timeline")
    TimelineView timeline(Actor actor, @PathVariable long deviceId, @RequestParam @Nullable LocalDate date) {
        Device d = display(actor, deviceId);
        LocalDate day = date == null ? LocalDate.now(signage.zone()) : date;
        Screen screen = signage.screenOf(d);
        List<Slot> slots = signage.timeline(screen, day, true);
        Set<Long> ids = new LinkedHashSet<>();
        slots.forEach(s -> ids.addAll(s.contentIds()));
        Map<Long, Content> contents = new java.util.HashMap<>();
        store.contents(ids).forEach(c -> contents.put(c.id(), c));
        List<Period> lessons = signage.lessonPeriods(screen, day);
        return new TimelineView(d.id(), day, lessons.stream().map(p -> new PeriodRow(p.no(), p.start(), p.end())).toList(),
                slots.stream().map(s -> new SlotRow(s.start(), s.end(), s.level().name(), s.source(), s.sourceId(),
                        s.contentIds().stream().filter(contents::containsKey).map(contents::get)
                                .map(c -> new ItemRow(c.id(), c.kind().name(), c.title())).toList()))
                        .toList());
    }

    record PlayRow(@Nullable Long contentId, Instant startedAt, @Nullable Instant endedAt, String outcome,
            @Nullable String detail) {
    }

    /** Proof of play: what a screen reported it played, newest first. */
    @GetMapping("/displays/{deviceId}/plays")
    List<PlayRow> plays(Actor actor, @PathVariable long deviceId) {
        Device d = display(actor, deviceId);
        return store.plays(d.id(), 200).stream()
                .map(p -> new PlayRow(p.contentId(), p.startedAt(), p.endedAt(), p.outcome(), p.detail())).toList();
    }

    // ---------------------------------------------------------------- content

    record ContentRequest(@Nullable Long schoolId, @Nullable String kind, @Nullable String title, @Nullable String url,
            @Nullable Long lessonId, @Nullable Long classroomId, @Nullable String body, @Nullable String layout,
            @Nullable Integer durationSeconds) {
    }

    @GetMapping("/contents")
    List<Content> contents(Actor actor, @RequestParam @Nullable Long schoolId) {
        actor.require(Permission.SIGNAGE_MANAGE);
        return store.contentsOf(actor.schoolToQuery(schoolId));
    }

    @PostMapping("/contents")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    Content addContent(Actor actor, @RequestBody ContentRequest request) {
        actor.require(Permission.SIGNAGE_MANAGE);
        Long school = actor.schoolToQuery(request.schoolId());
        Content c = content(0, school, request);
        long id = store.addContent(c, actor.userId(), signage.now());
        return store.content(id).orElseThrow();
    }

    @PutMapping("/contents/{id}")
    @Transactional
    Content updateContent(Actor actor, @PathVariable long id, @RequestBody ContentRequest request) {
        Content old = ownContent(actor, id);
        store.updateContent(content(id, old.schoolId(), request));
        signage.changed(old.schoolId());
        return store.content(id).orElseThrow();
    }

    @DeleteMapping("/contents/{id}")
    @Transactional
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteContent(Actor actor, @PathVariable long id) {
        Content old = ownContent(actor, id);
        store.deleteContent(id, signage.now());
        signage.changed(old.schoolId());
    }

    private Content content(long id, @Nullable Long school, ContentRequest r) {
        Content.Kind kind = Content.Kind.parse(r.kind()).orElseThrow(() -> ApiProblem.invalid(
                "内容类型必须是 VIDEO、IMAGE、NOTICE、LESSON、LIVE 或 WEB", "kind must be VIDEO, IMAGE, NOTICE, LESSON, LIVE or WEB"));
        String title = r.title() == null ? "" : r.title().strip();
        if (title.isEmpty() || title.length() > 200) {
            throw ApiProblem.invalid("请填写标题（最多 200 字）", "A title of at most 200 characters is required");
        }
        String url = r.url() == null || r.url().isBlank() ? null : r.url().strip();
        if ((kind == Content.Kind.VIDEO || kind == Content.Kind.IMAGE || kind == Content.Kind.WEB)) {
            if (url == null || !(url.startsWith("https://") || url.startsWith("http://") || url.startsWith("/"))
                    || url.length() > 2000) {
                throw ApiProblem.invalid("请填写以 http(s):// 或 / 开头的地址", "url must start with http(s):// or /");
            }
        }
        if (kind == Content.Kind.LESSON && r.lessonId() == null) {
            throw ApiProblem.invalid("请选择课例", "lessonId is required");
        }
        if (kind == Content.Kind.LIVE && r.classroomId() == null) {
            throw ApiProblem.invalid("请选择直播教室", "classroomId is required");
        }
        String body = r.body() == null ? null : r.body();
        if (kind == Content.Kind.NOTICE && (body == null || body.isBlank() || body.length() > 20000)) {
            throw ApiProblem.invalid("请填写通知内容（最多 20000 字）", "A notice body of at most 20000 characters is required");
        }
        Content.Layout layout = "TICKER".equalsIgnoreCase(r.layout()) && kind == Content.Kind.NOTICE
                ? Content.Layout.TICKER : Content.Layout.FULL;
        int duration = r.durationSeconds() == null ? 15 : r.durationSeconds();
        if (duration < 1 || duration > 24 * 3600) {
            throw ApiProblem.invalid("时长必须在 1 秒到 24 小时之间", "durationSeconds must be between 1 and 86400");
        }
        return new Content(id, school, kind, title, url, r.lessonId(), r.classroomId(), body, layout, duration);
    }

    private Content ownContent(Actor actor, long id) {
        actor.require(Permission.SIGNAGE_MANAGE);
        Content c = store.content(id).orElseThrow(() -> ApiProblem.notFound("内容", "Content"));
        requireOwner(actor, c.schoolId(), "内容", "Content");
        return c;
    }

    // ---------------------------------------------------------------- schedules

    record ScheduleRequest(@Nullable Long schoolId, @Nullable String name, @Nullable String level,
            @Nullable Integer priority, @Nullable List<Long> contentIds, @Nullable String targets,
            @Nullable LocalDate startDate, @Nullable LocalDate endDate, @Nullable List<Integer> weekdays,
            @Nullable LocalTime startTime, @Nullable LocalTime endTime) {
    }

    record ScheduleView(long id, @Nullable Long schoolId, String name, String level, int priority, List<Long> contentIds,
            String targets, LocalDate startDate, @Nullable LocalDate endDate, List<Integer> weekdays,
            @Nullable LocalTime startTime, @Nullable LocalTime endTime) {

        static ScheduleView of(Schedule s) {
            return new ScheduleView(s.id(), s.schoolId(), s.name(), s.level().name(), s.priority(), s.contentIds(),
                    s.targets().format(), s.startDate(), s.endDate(),
                    s.weekdays().stream().map(DayOfWeek::getValue).sorted().toList(), s.startTime(), s.endTime());
        }
    }

    @GetMapping("/schedules")
    List<ScheduleView> schedules(Actor actor, @RequestParam @Nullable Long schoolId) {
        actor.require(Permission.SIGNAGE_MANAGE);
        return store.allSchedules(actor.schoolToQuery(schoolId)).stream().map(ScheduleView::of).toList();
    }

    @PostMapping("/schedules")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    ScheduleView addSchedule(Actor actor, @RequestBody ScheduleRequest request, HttpServletRequest http) {
        actor.require(Permission.SIGNAGE_MANAGE);
        Long school = actor.schoolToQuery(request.schoolId());
        Schedule s = schedule(0, school, request);
        long id = store.addSchedule(s, actor.userId(), signage.now());
        audit(actor, "signage.scheduled", s.name() + " #" + id, s.level() + " " + s.targets().format(), school, http);
        signage.changed(school);
        return ScheduleView.of(store.schedule(id).orElseThrow());
    }

    @PutMapping("/schedules/{id}")
    @Transactional
    ScheduleView updateSchedule(Actor actor, @PathVariable long id, @RequestBody ScheduleRequest request) {
        Schedule old = ownSchedule(actor, id);
        store.updateSchedule(schedule(id, old.schoolId(), request));
        signage.changed(old.schoolId());
        return ScheduleView.of(store.schedule(id).orElseThrow());
    }

    @DeleteMapping("/schedules/{id}")
    @Transactional
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteSchedule(Actor actor, @PathVariable long id) {
        Schedule old = ownSchedule(actor, id);
        store.deleteSchedule(id, signage.now());
        signage.changed(old.schoolId());
    }

    private Schedule ownSchedule(Actor actor, long id) {
        actor.require(Permission.SIGNAGE_MANAGE);
        Schedule s = store.schedule(id).orElseThrow(() -> ApiProblem.notFound("排期", "Schedule"));
        requireOwner(actor, s.schoolId(), "排期", "Schedule");
        return s;
    }

    private Schedule schedule(long id, @Nullable Long school, ScheduleRequest r) {
        String name = r.name() == null ? "" : r.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw ApiProblem.invalid("请填写名称（最多 200 字）", "A name of at most 200 characters is required");
        }
        Level level = r.level() == null ? Level.SCHEDULED : switch (r.level().trim().toUpperCase(java.util.Locale.ROOT)) {
            case "SCHEDULED" -> Level.SCHEDULED;
            case "FORCED" -> Level.FORCED;
            case "DEFAULT" -> Level.DEFAULT;
            default -> throw ApiProblem.invalid("级别必须是 SCHEDULED、FORCED 或 DEFAULT",
                    "level must be SCHEDULED, FORCED or DEFAULT");
        };
        if (r.startDate() == null) {
            throw ApiProblem.invalid("请填写开始日期", "startDate is required");
        }
        if (r.endDate() != null && r.endDate().isBefore(r.startDate())) {
            throw ApiProblem.invalid("结束日期不能早于开始日期", "endDate must not be before startDate");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int d : r.weekdays() == null ? List.<Integer>of() : r.weekdays()) {
            if (d < 1 || d > 7) {
                throw ApiProblem.invalid("星期必须是 1（周一）到 7（周日）", "weekdays are 1 (Monday) to 7 (Sunday)");
            }
            days.add(DayOfWeek.of(d));
        }
        if ((r.startTime() == null) != (r.endTime() == null)) {
            throw ApiProblem.invalid("时段需要开始和结束时间", "A time window needs both startTime and endTime");
        }
        return new Schedule(id, school, name, level, r.priority() == null ? 0 : r.priority(),
                contentIds(school, r.contentIds()), targets(r.targets()), r.startDate(), r.endDate(), days,
                r.startTime(), r.endTime());
    }

    // ---------------------------------------------------------------- pushes

    record PushRequest(@Nullable Long schoolId, @Nullable String level, @Nullable List<Long> contentIds,
            @Nullable String targets, @Nullable Instant endsAt, @Nullable Integer minutes) {
    }

    record PushView(long id, @Nullable Long schoolId, String level, List<Long> contentIds, String targets,
            Instant startsAt, @Nullable Instant endsAt, @Nullable Instant cancelledAt, boolean active, int delivered) {

        static PushView of(Push p, Instant now, int delivered) {
            return new PushView(p.id(), p.schoolId(), p.level().name(), p.contentIds(), p.targets().format(),
                    p.startsAt(), p.endsAt(), p.cancelledAt(), p.activeAt(now), delivered);
        }
    }

    @GetMapping("/pushes")
    List<PushView> pushes(Actor actor, @RequestParam @Nullable Long schoolId) {
        actor.require(Permission.SIGNAGE_MANAGE);
        Instant now = signage.now();
        return store.recentPushes(actor.schoolToQuery(schoolId), 50).stream().map(p -> PushView.of(p, now, 0)).toList();
    }

    /** Push now: interrupts the targeted screens at once until {@code endsAt} (or {@code minutes}) or cancel. */
    @PostMapping("/pushes")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    PushView push(Actor actor, @RequestBody PushRequest request, HttpServletRequest http) {
        actor.require(Permission.SIGNAGE_MANAGE);
        Long school = actor.schoolToQuery(request.schoolId());
        Level level = "EMERGENCY".equalsIgnoreCase(request.level()) ? Level.EMERGENCY : Level.FORCED;
        Instant now = signage.now();
        Instant endsAt = request.endsAt() != null ? request.endsAt()
                : request.minutes() != null ? now.plus(Duration.ofMinutes(request.minutes())) : null;
        if (endsAt != null && !endsAt.isAfter(now)) {
            throw ApiProblem.invalid("结束时间必须在现在之后", "endsAt must be in the future");
        }
        Push draft = new Push(0, school, level, contentIds(school, request.contentIds()), targets(request.targets()),
                now, endsAt, null);
        long id = store.addPush(draft, actor.userId(), now);
        Push push = store.push(id).orElseThrow();
        audit(actor, "signage.pushed", "push #" + id, level + " " + push.targets().format(), school, http);
        int delivered = signage.announce(push);
        return PushView.of(push, now, delivered);
    }

    @PostMapping("/pushes/{id}/cancel")
    @Transactional
    PushView cancel(Actor actor, @PathVariable long id, HttpServletRequest http) {
        actor.require(Permission.SIGNAGE_MANAGE);
        Push p = store.push(id).orElseThrow(() -> ApiProblem.notFound("推送", "Push"));
        requireOwner(actor, p.schoolId(), "推送", "Push");
        Instant now = signage.now();
        store.cancelPush(id, now);
        Push cancelled = store.push(id).orElseThrow();
        audit(actor, "signage.push-cancelled", "push #" + id, null, p.schoolId(), http);
        signage.withdraw(cancelled);
        return PushView.of(cancelled, now, 0);
    }

    // ---------------------------------------------------------------- helpers

    private Device display(Actor actor, long deviceId) {
        actor.require(Permission.SIGNAGE_MANAGE);
        Device d = devices.find(deviceId).filter(x -> x.kind() == DeviceKind.DISPLAY && x.inService())
                .orElseThrow(() -> ApiProblem.notFound("显示屏", "Display"));
        if (!actor.reachesWholeSchool(d.schoolId())) {
            throw ApiProblem.notFound("显示屏", "Display");
        }
        return d;
    }

    private static void requireOwner(Actor actor, @Nullable Long school, String zh, String en) {
        boolean may = school == null ? actor.isDistrictWide() : actor.reachesWholeSchool(school);
        if (!may) {
            throw ApiProblem.notFound(zh, en);
        }
    }

    /** Content ids that exist and belong to the school (or the district). */
    private List<Long> contentIds(@Nullable Long school, @Nullable List<Long> ids) {
        if (ids == null || ids.isEmpty() || ids.size() > 100) {
            throw ApiProblem.invalid("请选择 1 到 100 项内容", "Choose 1 to 100 content items");
        }
        Set<Long> found = new java.util.HashSet<>();
        store.contents(ids).stream().filter(c -> c.schoolId() == null || c.schoolId().equals(school))
                .forEach(c -> found.add(c.id()));
        List<Long> missing = new ArrayList<>(ids);
        missing.removeAll(found);
        if (!missing.isEmpty()) {
            throw ApiProblem.invalid("找不到内容 " + missing, "Content not found: " + missing);
        }
        return List.copyOf(ids);
    }

    private static Targets targets(@Nullable String text) {
        try {
            return Targets.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("目标格式：school:1,grade:2,class:3,display:4,tag:名称",
                    "targets look like school:1,grade:2,class:3,display:4,tag:name");
        }
    }

    private static Set<String> tags(@Nullable List<String> tags) {
        Set<String> clean = new LinkedHashSet<>();
        for (String t : tags == null ? List.<String>of() : tags) {
            String s = t.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (s.length() > 40 || s.contains(",") || s.contains(":")) {
                throw ApiProblem.invalid("标签最多 40 字，不能含逗号或冒号", "Tags are at most 40 characters, without , or :");
            }
            clean.add(s);
        }
        return clean;
    }

    private void audit(Actor actor, String action, String target, @Nullable String detail, @Nullable Long school,
            HttpServletRequest http) {
        audit.record(new AuditTrail.Entry(actor.userId(), actor.displayName(), action, target, detail,
                AuditTrail.Outcome.SUCCESS, school, http.getRemoteAddr()));
    }
}

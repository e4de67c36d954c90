package org.ketang.platform.signage.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.devices.Device;
import org.ketang.platform.devices.Devices;
import org.ketang.platform.library.LessonsOnScreens;
import org.ketang.platform.organization.Directory;
import org.ketang.platform.organization.OrganizationSettings;
import org.ketang.platform.organization.Period;
import org.ketang.platform.organization.Timetables;
import org.ketang.platform.signage.LiveChannels;
import org.ketang.platform.signage.internal.DisplayViews.Item;
import org.ketang.platform.signage.internal.DisplayViews.PushView;
import org.ketang.platform.signage.internal.DisplayViews.SlotView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.ObjectMapper;

/**
 * Signage's use cases around screens: who a display is ({@link Screen}), its resolved timeline for a day, its whole
 * current state, and telling connected displays about pushes and changes.
 */
@Service
@Transactional(readOnly = true)
public class Signage {

    private final SignageStore store;
    private final Devices devices;
    private final Directory directory;
    private final Timetables timetables;
    private final OrganizationSettings organization;
    private final LessonsOnScreens lessons;
    private final ObjectProvider<LiveChannels> live;
    private final Screens screens;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    Signage(SignageStore store, Devices devices, Directory directory, Timetables timetables,
            OrganizationSettings organization, LessonsOnScreens lessons, ObjectProvider<LiveChannels> live,
            Screens screens, ObjectMapper json) {
        this.store = store;
        this.devices = devices;
        this.directory = directory;
        this.timetables = timetables;
        this.organization = organization;
        this.lessons = lessons;
        this.live = live;
        this.screens = screens;
        this.json = json;
    }

    public ZoneId zone() {
        return organization.zone();
    }

    /** Now, to the millisecond: what the database stores and the displays count in. */
    public Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** The targeting facts of a display: classroom, school, home class and grade, tags. */
    public Screen screenOf(Device device) {
        Long classId = directory.classroom(device.classroomId()).map(Directory.ClassroomInfo::homeClassId).orElse(null);
        Long gradeId = classId == null ? null
                : directory.schoolClass(classId).map(Directory.ClassInfo::gradeId).orElse(null);
        return new Screen(device.id(), device.classroomId(), device.schoolId(), gradeId, classId,
                store.tagsOf(device.id()));
    }

    /** The resolved timeline of a screen for a day, pushes included (what the admin preview shows). */
    public List<Slot> timeline(Screen screen, LocalDate day, boolean withPushes) {
        List<Schedule> schedules = store.schedules(screen.schoolId(), day, day);
        List<Push> pushes = withPushes ? store.pushesSince(day.atStartOfDay(zone()).toInstant()) : List.of();
        return Timeline.resolve(screen, day, zone(), schedules, pushes, lessonPeriods(screen, day));
    }

    public List<Period> lessonPeriods(Screen screen, LocalDate day) {
        return timetables.lessonPeriods(screen.classroomId(), day);
    }

    /** Pushes going on now or later that reach a screen. */
    public List<Push> activePushes(Screen screen) {
        Instant now = now();
        return store.pushesSince(now).stream().filter(p -> p.targets().reach(screen, p.schoolId())).toList();
    }

    /**
     * A display's whole state: today's and tomorrow's timeline of schedules (pushes come separately, as they start
     * and stop), the pushes under way and every item it may need.
     */
    public DisplayViews.State state(Device device, Screen screen) {
        LocalDate today = LocalDate.now(clock.withZone(zone()));
        List<Slot> slots = new ArrayList<>(timeline(screen, today, false));
        slots.addAll(timeline(screen, today.plusDays(1), false));
        List<Push> pushes = activePushes(screen);
        Set<Long> ids = new LinkedHashSet<>();
        slots.forEach(s -> ids.addAll(s.contentIds()));
        pushes.forEach(p -> ids.addAll(p.contentIds()));
        String className = screen.classId() == null ? null
                : directory.schoolClass(screen.classId()).map(Directory.ClassInfo::fullName).orElse(null);
        String classroomName = directory.classroom(device.classroomId()).map(Directory.ClassroomInfo::name)
                .orElse("#" + device.classroomId());
        return new DisplayViews.State(now().toEpochMilli(),
                new DisplayViews.Info(device.id(), device.name(), classroomName, directory.schoolName(device.schoolId()),
                        className),
                slots.stream().map(SlotView::of).toList(), pushes.stream().map(PushView::of).toList(),
                items(ids, device.accountId()));
    }

    /** Items as a display plays them; lesson and live links are signed for the display's own account. */
    public Map<Long, Item> items(Set<Long> ids, @Nullable Long accountId) {
        Map<Long, Item> items = new LinkedHashMap<>();
        for (Content c : store.contents(ids)) {
            items.put(c.id(), item(c, accountId));
        }
        return items;
    }

    private Item item(Content c, @Nullable Long accountId) {
        String hls = null;
        int duration = c.durationSeconds();
        boolean available = true;
        if (c.kind() == Content.Kind.LESSON) {
            Optional<LessonsOnScreens.Screening> s = c.lessonId() == null || accountId == null ? Optional.empty()
                    : lessons.screening(c.lessonId(), accountId);
            hls = s.map(LessonsOnScreens.Screening::hlsUrl).orElse(null);
            available = s.isPresent();
        } else if (c.kind() == Content.Kind.LIVE) {
            LiveChannels channels = live.getIfAvailable();
            hls = channels == null || c.classroomId() == null || accountId == null ? null
                    : channels.hlsUrl(c.classroomId(), accountId).orElse(null);
            available = hls != null;
        }
        boolean cacheable = c.kind() == Content.Kind.VIDEO || c.kind() == Content.Kind.IMAGE;
        return new Item(c.id(), c.kind().name(), c.title(), c.url(), hls, c.body(), c.layout().name(), duration,
                cacheable, available);
    }

    /** Sends a new push to every connected display it reaches, at once. */
    public int announce(Push push) {
        boolean perDevice = store.contents(push.contentIds()).stream().anyMatch(c -> c.kind() == Content.Kind.LESSON
                || c.kind() == Content.Kind.LIVE);
        String common = perDevice ? null : write(new DisplayViews.PushEvent(PushView.of(push),
                items(new LinkedHashSet<>(push.contentIds()), null)));
        Predicate<Screen> reached = s -> push.targets().reach(s, push.schoolId());
        afterCommit(() -> screens.broadcast("push", reached, c -> common != null ? common
                : write(new DisplayViews.PushEvent(PushView.of(push),
                        items(new LinkedHashSet<>(push.contentIds()), c.accountId())))));
        return screens.count(reached);
    }

    /** Tells the displays a push reached that it stopped. */
    public void withdraw(Push push) {
        String data = write(Map.of("pushId", push.id()));
        afterCommit(() -> screens.broadcast("cancel", s -> push.targets().reach(s, push.schoolId()), c -> data));
    }

    /** Tells displays of a school (every display for {@code null}) to fetch their state again. */
    public void changed(@Nullable Long schoolId) {
        String data = write(Map.of("at", now().toEpochMilli()));
        afterCommit(() -> screens.broadcast("refresh", s -> schoolId == null || s.schoolId() == schoolId, c -> data));
    }

    /** Runs {@code action} once the current transaction committed (at once without one): displays must not see a
     * change before the database has it. */
    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    public String write(Object value) {
        return json.writeValueAsString(value);
    }

    public Optional<Device> device(long deviceId) {
        return devices.find(deviceId);
    }
}

package org.ketang.platform.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.ketang.agent.protocol.AgentApi;
import org.ketang.agent.protocol.ScheduleCalendar;
import org.ketang.agent.protocol.ScheduleEntry;
import org.ketang.platform.identity.ActingAs;
import org.ketang.platform.organization.Organization;
import org.ketang.platform.organization.Organization.LessonSlot;
import org.ketang.platform.organization.TestSchool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import tools.jackson.databind.JsonNode;

/**
 * The recording schedule an agent pulls: the timetable lessons of its recording classroom (today and the next seven
 * days, in the district's time zone) and the bookings, as iCalendar with a strong ETag; and the rules of booking.
 */
class RecordingScheduleApiTests extends DeviceApiTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Autowired Organization organization;

    record Schedule(String etag, List<ScheduleEntry> entries) {

        ScheduleEntry entry(String uid) {
            return entries.stream().filter(e -> e.uid().equals(uid)).findFirst()
                    .orElseThrow(() -> new AssertionError("no entry " + uid + " in " + entries));
        }

        List<ScheduleEntry> of(ScheduleEntry.Kind kind) {
            return entries.stream().filter(e -> e.kind() == kind).toList();
        }
    }

    Schedule schedule(Agent agent) throws Exception {
        MvcResult result = mvc.perform(get(AgentApi.SCHEDULE).with(agent.auth())).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/calendar")).andReturn();
        String text = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        return new Schedule(result.getResponse().getHeader("ETag"), ScheduleCalendar.read(text));
    }

    static Instant at(LocalDate day, String time) {
        return day.atTime(LocalTime.parse(time)).atZone(ZONE).toInstant();
    }

    ResultActions book(String username, long classroomId, Instant start, Instant end, String title, boolean live)
            throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("classroomId", classroomId);
        body.put("start", start.toString());
        body.put("end", end.toString());
        body.put("title", title);
        body.put("live", live);
        return mvc.perform(postJson("/api/v1/devices/bookings", body).with(by(username)));
    }

    long booked(ResultActions result) throws Exception {
        return json.readTree(result.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString())
                .get("id").asLong();
    }

    @Test
    void theTimetableOfARecordingClassroomIsItsScheduleInTheDistrictsLocalTime() throws Exception {
        long room = classroom("S01", "录播教室1");
        Agent agent = recorder("sadmin1", room);

        Schedule schedule = schedule(agent);

        // what the demo timetable holds for 七年级1班 (whose home is 录播教室1) on each day of the window
        LocalDate today = LocalDate.now(ZONE);
        LocalDate[] term = jdbc.sql("""
                select t.start_date, t.end_date from org_term t join org_school s on s.id = t.school_id
                 where s.code = 'S01'""").query((rs, n) -> new LocalDate[] { rs.getObject(1, LocalDate.class),
                        rs.getObject(2, LocalDate.class) }).single();
        Map<Integer, Set<Integer>> periods = jdbc.sql("""
                select l.weekday, l.period_no from org_lesson l join org_class c on c.id = l.class_id
                  join org_classroom r on r.home_class_id = c.id where r.id = ?""").param(room)
                .query((rs, n) -> new int[] { rs.getInt(1), rs.getInt(2) }).list().stream()
                .collect(Collectors.groupingBy(p -> p[0], Collectors.mapping(p -> p[1], Collectors.toSet())));
        Set<String> expected = new HashSet<>();
        for (LocalDate day = today; !day.isAfter(today.plusDays(7)); day = day.plusDays(1)) {
            int lastPeriod = day.getDayOfWeek() == DayOfWeek.FRIDAY ? 6 : 8;
            if (day.isBefore(term[0]) || day.isAfter(term[1]) || day.getDayOfWeek().getValue() > 5) {
                continue;
            }
            for (int period : periods.getOrDefault(day.getDayOfWeek().getValue(), Set.of())) {
                if (period <= lastPeriod) {
                    expected.add("tt-" + room + "-" + DateTimeFormatter.BASIC_ISO_DATE.format(day) + "-" + period);
                }
            }
        }
        assertThat(expected).isNotEmpty();
        assertThat(schedule.of(ScheduleEntry.Kind.TIMETABLE)).extracting(ScheduleEntry::uid)
                .containsExactlyInAnyOrderElementsOf(expected);

        // the bells ring in Beijing time: period 2 is 08:55–09:40 Monday to Thursday, 08:50–09:30 on Friday
        LocalDate day = today;
        while (!expected.contains("tt-" + room + "-" + DateTimeFormatter.BASIC_ISO_DATE.format(day) + "-2")) {
            day = day.plusDays(1);
        }
        boolean friday = day.getDayOfWeek() == DayOfWeek.FRIDAY;
        ScheduleEntry second = schedule.entry("tt-" + room + "-" + DateTimeFormatter.BASIC_ISO_DATE.format(day) + "-2");
        assertThat(second.start()).isEqualTo(at(day, friday ? "08:50" : "08:55"));
        assertThat(second.end()).isEqualTo(at(day, friday ? "09:30" : "09:40"));
        assertThat(second.title()).startsWith("七年级1班 ").contains(" 第2节");
        assertThat(second.live()).isFalse();
        // 王芳 teaches 七年级1班 数学: her lessons carry her name
        assertThat(schedule.of(ScheduleEntry.Kind.TIMETABLE)).filteredOn(e -> e.title().contains(" 数学 "))
                .isNotEmpty().allSatisfy(e -> assertThat(e.title()).endsWith(" 王芳"));
    }

    @Test
    void anUnchangedScheduleIsNotSentAgain() throws Exception {
        Agent agent = recorder("sadmin2", classroom("S02", "录播教室1"));
        Schedule first = schedule(agent);

        assertThat(first.etag()).matches("\"[0-9a-f]{32}\"");
        mvc.perform(get(AgentApi.SCHEDULE).header("If-None-Match", first.etag()).with(agent.auth()))
                .andExpect(status().isNotModified()).andExpect(content().string(""));
        mvc.perform(get(AgentApi.SCHEDULE).header("If-None-Match", "\"something-else\"").with(agent.auth()))
                .andExpect(status().isOk());
        assertThat(heartbeatReply(agent, idle()).get("scheduleEtag").asString()).isEqualTo(first.etag());
        assertThat(schedule(agent).etag()).isEqualTo(first.etag());
    }

    @Test
    void aBookingAppearsInTheScheduleAndChangesItsEtag() throws Exception {
        long room = classroom("S02", "录播教室2");
        Agent agent = recorder("sadmin2", room);
        String before = schedule(agent).etag();
        LocalDate day = LocalDate.now(ZONE).plusDays(3);

        long id = booked(book("sadmin2", room, at(day, "19:00"), at(day, "20:30"), "教研活动", true));

        Schedule after = schedule(agent);
        assertThat(after.etag()).isNotEqualTo(before);
        ScheduleEntry entry = after.entry("bk-" + id);
        assertThat(entry.kind()).isEqualTo(ScheduleEntry.Kind.BOOKING);
        assertThat(entry.title()).isEqualTo("教研活动");
        assertThat(entry.live()).isTrue();
        assertThat(entry.start()).isEqualTo(at(day, "19:00"));
        assertThat(entry.end()).isEqualTo(at(day, "20:30"));
        assertThat(heartbeatReply(agent, idle()).get("scheduleEtag").asString()).isEqualTo(after.etag());
        mvc.perform(get("/api/v1/devices/bookings").param("classroomId", String.valueOf(room)).with(by("sadmin2")))
                .andExpect(jsonPath("$[?(@.id == " + id + ")].title").value("教研活动"));

        mvc.perform(delete("/api/v1/devices/bookings/" + id).with(by("sadmin2"))).andExpect(status().isNoContent());
        Schedule cancelled = schedule(agent);
        assertThat(cancelled.etag()).isEqualTo(before);
        assertThat(cancelled.entries()).noneMatch(e -> e.uid().equals("bk-" + id));
        mvc.perform(get("/api/v1/audit").param("action", "device.booking-cancelled").with(by("sadmin2")))
                .andExpect(jsonPath("$.items[0].target").value("录播教室2 预约 #" + id));
    }

    @Test
    void aBookingThatClashesIsRefusedNamingWhatItClashesWith() throws Exception {
        long room = classroom("S02", "录播教室1");
        Agent agent = recorder("sadmin2", room);
        LocalDate day = LocalDate.now(ZONE).plusDays(4);
        long first = booked(book("sadmin2", room, at(day, "18:00"), at(day, "19:00"), "家长会", false));

        book("sadmin2", room, at(day, "18:30"), at(day, "19:30"), "讲座", false).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/booking-conflict"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("家长会")))
                .andExpect(jsonPath("$.conflict.uid").value("bk-" + first))
                .andExpect(jsonPath("$.conflict.kind").value("booking"));
        // back to back is fine
        long next = booked(book("sadmin2", room, at(day, "19:00"), at(day, "19:30"), "讲座", false));

        Instant soon = Instant.now().plusSeconds(900);
        ScheduleEntry lesson = schedule(agent).of(ScheduleEntry.Kind.TIMETABLE).stream()
                .filter(x -> x.start().isAfter(soon)).findFirst().orElseThrow();
        book("sadmin2", room, lesson.start().plusSeconds(600), lesson.end().plusSeconds(600), "示范课", false)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.conflict.kind").value("timetable"))
                .andExpect(jsonPath("$.conflict.uid").value(lesson.uid()))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("自动录制")))
                .andExpect(jsonPath("$.detailEn").value(org.hamcrest.Matchers.containsString("timetable")));

        // with timetable recording turned off the lesson is no longer recorded by itself: it may be booked
        settings("sadmin2", room, false, false).andExpect(status().isOk());
        try {
            assertThat(schedule(agent).of(ScheduleEntry.Kind.TIMETABLE)).isEmpty();
            long special = booked(book("sadmin2", room, lesson.start(), lesson.end(), "示范课", false));
            mvc.perform(delete("/api/v1/devices/bookings/" + special).with(by("sadmin2")))
                    .andExpect(status().isNoContent());
        } finally {
            settings("sadmin2", room, true, false).andExpect(status().isOk());
        }
        for (long id : new long[] { first, next }) {
            mvc.perform(delete("/api/v1/devices/bookings/" + id).with(by("sadmin2"))).andExpect(status().isNoContent());
        }
    }

    ResultActions settings(String username, long room, boolean autoRecord, boolean live) throws Exception {
        return mvc.perform(put("/api/v1/devices/classrooms/" + room + "/settings").with(by(username))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"autoRecord\":" + autoRecord + ",\"liveByDefault\":" + live + "}"));
    }

    @Test
    void liveByDefaultMakesTimetableLessonsLive() throws Exception {
        long room = classroom("S01", "录播教室2");
        Agent agent = recorder("sadmin1", room);
        String before = schedule(agent).etag();
        settings("sadmin1", room, true, true).andExpect(status().isOk()).andExpect(jsonPath("$.liveByDefault").value(true));
        try {
            Schedule live = schedule(agent);
            assertThat(live.etag()).isNotEqualTo(before);
            assertThat(live.of(ScheduleEntry.Kind.TIMETABLE)).isNotEmpty().allMatch(ScheduleEntry::live);
            settings("sadmin2", room, true, false).andExpect(status().isNotFound());
            settings("principal1", room, true, false).andExpect(status().isForbidden());
        } finally {
            settings("sadmin1", room, true, false).andExpect(status().isOk());
        }
        assertThat(schedule(agent).etag()).isEqualTo(before);
    }

    @Test
    void aBookingMustEndAfterItStartsLastAtMostFourHoursAndLieInTheNextSixtyDays() throws Exception {
        long room = classroom("S01", "录播教室2");
        LocalDate day = LocalDate.now(ZONE).plusDays(6);
        book("sadmin1", room, at(day, "20:00"), at(day, "19:00"), "x", false).andExpect(status().isBadRequest());
        book("sadmin1", room, at(day, "12:00"), at(day, "16:01"), "x", false).andExpect(status().isBadRequest());
        book("sadmin1", room, Instant.now().minusSeconds(3600), Instant.now().minusSeconds(60), "x", false)
                .andExpect(status().isBadRequest());
        LocalDate far = LocalDate.now(ZONE).plusDays(61);
        book("sadmin1", room, at(far, "19:00"), at(far, "20:00"), "x", false).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detailEn").value(org.hamcrest.Matchers.containsString("60 days")));
        book("sadmin1", classroom("S01", "阶梯教室"), at(day, "19:00"), at(day, "20:00"), "x", false)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/not-a-recording-classroom"));
    }

    @Test
    void teachersBookTheRecordingClassroomsOfTheirOwnSchool() throws Exception {
        long room = classroom("S01", "录播教室2");
        LocalDate day = LocalDate.now(ZONE).plusDays(5);

        long mine = booked(book("t1", room, at(day, "19:00"), at(day, "20:00"), "王芳 公开课磨课", false));

        book("t2", room, at(day, "20:00"), at(day, "21:00"), "x", false).andExpect(status().isNotFound());
        book("s1", room, at(day, "20:00"), at(day, "21:00"), "x", false).andExpect(status().isForbidden());
        book("sup1", room, at(day, "20:00"), at(day, "21:00"), "x", false).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/devices/bookings").with(by("t1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + mine + ")].createdBy")
                        .value((int) accounts.findByUsername("t1").orElseThrow().id()));
        mvc.perform(get("/api/v1/devices/bookings").with(by("t2")))
                .andExpect(jsonPath("$[?(@.id == " + mine + ")]").isEmpty());
        mvc.perform(get("/api/v1/devices/classrooms/" + room + "/schedule").with(by("t1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.uid == 'bk-" + mine + "')].title").value("王芳 公开课磨课"));

        long admins = booked(book("sadmin1", room, at(day, "20:00"), at(day, "21:00"), "学校活动", false));
        mvc.perform(delete("/api/v1/devices/bookings/" + admins).with(by("t1"))).andExpect(status().isForbidden());
        mvc.perform(delete("/api/v1/devices/bookings/" + mine).with(by("t1"))).andExpect(status().isNoContent());
        mvc.perform(delete("/api/v1/devices/bookings/" + admins).with(by("sadmin1"))).andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/audit").param("action", "device.booking-created").with(by("sadmin1")))
                .andExpect(jsonPath("$.items[1].actorName").value("t1"));
    }

    @Test
    void aTimetableChangeChangesTheSchedule() throws Exception {
        LocalDate today = LocalDate.now(ZONE);
        TestSchool school = new TestSchool(organization, accounts, today.minusDays(30), today.plusDays(60), true);
        String body = mvc.perform(postJson("/api/v1/devices/enrollment-codes",
                Map.of("classroomId", school.room1, "kind", "recorder"))
                .with(ActingAs.actor(school.admin())).with(SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        JsonNode e = enrolled(json.readTree(body).get("code").asString());
        Agent agent = new Agent(e.get("deviceId").asLong(), school.room1, e.get("token").asString());
        Schedule before = schedule(agent);
        LocalDate monday = today.with(java.time.temporal.TemporalAdjusters.next(DayOfWeek.MONDAY));
        String mondayMath = "tt-" + school.room1 + "-" + DateTimeFormatter.BASIC_ISO_DATE.format(monday) + "-1";
        assertThat(before.entry(mondayMath).title()).isEqualTo("七年级1班 数学 第1节 王芳");
        assertThat(before.entry(mondayMath).start()).isEqualTo(at(monday, "08:00"));

        organization.setTimetable(school.term, school.class1, List.of(
                new LessonSlot(DayOfWeek.MONDAY, 3, "CHINESE", school.li, null)));

        Schedule after = schedule(agent);
        assertThat(after.etag()).isNotEqualTo(before.etag());
        assertThat(after.entries()).noneMatch(x -> x.uid().equals(mondayMath));
        assertThat(after.entry("tt-" + school.room1 + "-" + DateTimeFormatter.BASIC_ISO_DATE.format(monday) + "-3")
                .title()).isEqualTo("七年级1班 语文 第3节 李强");
        mvc.perform(get(AgentApi.SCHEDULE).header("If-None-Match", before.etag()).with(agent.auth()))
                .andExpect(status().isOk()).andExpect(header().string("ETag", after.etag()));
    }
}

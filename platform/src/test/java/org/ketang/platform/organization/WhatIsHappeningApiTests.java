package org.ketang.platform.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ketang.platform.IntegrationTest;
import org.ketang.platform.identity.ActingAs;
import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.identity.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** {@link Timetables#whatIsHappening}: the question recording, patrol and signage ask every minute. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatIsHappeningApiTests {

    static final LocalDate TERM_START = LocalDate.of(2026, 9, 1); // a Tuesday
    static final LocalDate TERM_END = LocalDate.of(2027, 1, 20); // a Wednesday

    @Autowired
    Timetables timetables;

    @Autowired
    Organization organization;

    @Autowired
    UserAccounts accounts;

    @Autowired
    MockMvc mvc;

    TestSchool school;

    @BeforeAll
    void school() {
        school = new TestSchool(organization, accounts, TERM_START, TERM_END, true);
    }

    /** An instant given as Beijing time, the way schools read clocks. */
    static Instant beijing(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
    }

    @Test
    void aLessonWithoutClassroomTakesPlaceInTheHomeClassroom() {
        Happening now = timetables.whatIsHappening(school.room1, beijing("2026-11-23T08:10:00")).orElseThrow();
        assertThat(now.classId()).isEqualTo(school.class1);
        assertThat(now.classFullName()).isEqualTo("七年级1班");
        assertThat(now.gradeName()).isEqualTo("七年级");
        assertThat(now.subjectName()).isEqualTo("数学");
        assertThat(now.subjectCode()).isEqualTo("MATH");
        assertThat(now.teacherId()).isEqualTo(school.wang);
        assertThat(now.teacherName()).isEqualTo("王芳");
        assertThat(now.teacherUserId()).isEqualTo(school.wangUser);
        assertThat(now.period()).isEqualTo(TestSchool.period(1, "08:00", "08:45"));
        assertThat(now.date()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(now.termId()).isEqualTo(school.term);
        assertThat(now.schoolId()).isEqualTo(school.id);
    }

    @Test
    void aLessonNamingAClassroomIsThereAndNotInTheHomeClassroom() {
        assertThat(timetables.whatIsHappening(school.lab, beijing("2026-11-23T09:00:00")))
                .hasValueSatisfying(h -> {
                    assertThat(h.classId()).isEqualTo(school.class1);
                    assertThat(h.subjectName()).isEqualTo("语文");
                    assertThat(h.period().no()).isEqualTo(2);
                });
        assertThat(timetables.whatIsHappening(school.room1, beijing("2026-11-23T09:00:00"))).isEmpty();
        // the lab is nobody's home: nothing there in period 1
        assertThat(timetables.whatIsHappening(school.lab, beijing("2026-11-23T08:10:00"))).isEmpty();
    }

    @Test
    void eachClassroomShowsItsOwnClass() {
        assertThat(timetables.whatIsHappening(school.room2, beijing("2026-11-23T08:10:00")))
                .hasValueSatisfying(h -> assertThat(h.subjectName()).isEqualTo("语文"));
        assertThat(timetables.whatIsHappening(school.room2, beijing("2026-11-23T10:30:00")))
                .hasValueSatisfying(h -> {
                    assertThat(h.subjectName()).isEqualTo("自习");
                    assertThat(h.teacherId()).isNull();
                });
    }

    @Test
    void nothingHappensBetweenPeriodsOrOutsideSchoolHours() {
        assertThat(timetables.whatIsHappening(school.room1, beijing("2026-11-23T08:50:00"))).isEmpty();
        assertThat(timetables.whatIsHappening(school.room1, beijing("2026-11-23T08:45:00"))).isEmpty();
        assertThat(timetables.whatIsHappening(school.room1, beijing("2026-11-23T07:59:59"))).isEmpty();
        assertThat(timetables.whatIsHappening(school.room1, beijing("2026-11-23T20:00:00"))).isEmpty();
        assertThat(timetables.whatIsHappening(school.room1, beijing("2026-11-23T08:44:59"))).isPresent();
    }

    @Test
    void fridayFollowsTheShorterFridayBells() {
        assertThat(timetables.whatIsHappening(school.room1, beijing("2026-11-27T08:20:00")))
                .hasValueSatisfying(h -> {
                    assertThat(h.subjectName()).isEqualTo("英语");
                    assertThat(h.period()).isEqualTo(TestSchool.period(1, "08:00", "08:40"));
                });
        // 08:42 is still period 1 on a Monday, but the Friday bell rang at 08:40
        assertThat(timetables.whatIsHappening(school.room1, beijing("2026-11-27T08:42:00"))).isEmpty();
        assertThat(timetables.whatIsHappening(school.room1, beijing("2026-11-23T08:42:00"))).isPresent();
    }

    @Test
    void nothingHappensAtTheWeekend() {
        assertThat(timetables.whatIsHappening(school.room1, beijing("2026-11-28T08:10:00"))).isEmpty();
        assertThat(timetables.whatIsHappening(school.room1, beijing("2026-11-29T08:10:00"))).isEmpty();
    }

    @Test
    void theTermIncludesItsFirstAndLastDayAndNothingOutside() {
        assertThat(timetables.whatIsHappening(school.room1, beijing("2026-09-01T08:10:00"))).isPresent();
        assertThat(timetables.whatIsHappening(school.room1, beijing("2026-08-31T08:10:00"))).isEmpty();
        assertThat(timetables.whatIsHappening(school.room1, beijing("2027-01-20T08:10:00"))).isPresent();
        assertThat(timetables.whatIsHappening(school.room1, beijing("2027-01-27T08:10:00"))).isEmpty();
    }

    @Test
    void timeIsReadInTheSchoolsTimeZone() {
        // 00:10 UTC is 08:10 in Beijing: period 1
        assertThat(timetables.whatIsHappening(school.room1, Instant.parse("2026-11-23T00:10:00Z"))).isPresent();
        // 08:10 UTC is 16:10 in Beijing: no lesson
        assertThat(timetables.whatIsHappening(school.room1, Instant.parse("2026-11-23T08:10:00Z"))).isEmpty();
        // the first day of term begins at midnight Beijing time, i.e. still Aug 31 in UTC
        assertThat(timetables.whatIsHappening(school.room1, Instant.parse("2026-09-01T00:10:00Z"))).isPresent();
    }

    @Test
    void lessonsInAClassroomOverDaysFollowTheHomeClassroomRuleAndTheBells() {
        List<Happening> week = timetables.lessonsIn(school.room1, LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 29));

        assertThat(week).extracting(h -> h.date() + " " + h.period().no() + " " + h.subjectName()).containsExactly(
                "2026-11-23 1 数学", "2026-11-24 1 数学", "2026-11-25 1 数学", "2026-11-27 1 英语");
        Happening monday = week.get(0);
        assertThat(monday.teacherName()).isEqualTo("王芳");
        assertThat(monday.classFullName()).isEqualTo("七年级1班");
        assertThat(monday.start(ZoneId.of("Asia/Shanghai"))).isEqualTo(beijing("2026-11-23T08:00:00"));
        assertThat(monday.end(ZoneId.of("Asia/Shanghai"))).isEqualTo(beijing("2026-11-23T08:45:00"));
        // Friday's bells are shorter
        assertThat(week.get(3).end(ZoneId.of("Asia/Shanghai"))).isEqualTo(beijing("2026-11-27T08:40:00"));
        assertThat(timetables.lessonsIn(school.lab, LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 23)))
                .singleElement().satisfies(h -> {
                    assertThat(h.subjectName()).isEqualTo("语文");
                    assertThat(h.period().no()).isEqualTo(2);
                });
    }

    @Test
    void lessonsInGiveTheSameAnswersAsWhatIsHappeningInEachPeriod() {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        for (long room : new long[] { school.room1, school.room2, school.lab }) {
            for (Happening h : timetables.lessonsIn(room, LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 27))) {
                assertThat(timetables.whatIsHappening(room, h.start(zone))).contains(h);
                assertThat(timetables.whatIsHappening(room, h.end(zone).minusSeconds(1))).contains(h);
            }
        }
    }

    @Test
    void lessonsInStopAtTheEndsOfTheTerm() {
        assertThat(timetables.lessonsIn(school.room1, LocalDate.of(2026, 8, 24), LocalDate.of(2026, 9, 2)))
                .extracting(Happening::date).containsExactly(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 2));
        assertThat(timetables.lessonsIn(school.room1, LocalDate.of(2027, 1, 21), LocalDate.of(2027, 2, 1))).isEmpty();
        assertThat(timetables.lessonsIn(school.room1, LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 23))).isEmpty();
        assertThat(timetables.lessonsIn(-1, LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 24))).isEmpty();
    }

    @Test
    void anUnknownClassroomHasNothingGoingOn() {
        assertThat(timetables.whatIsHappening(-1, beijing("2026-11-23T08:10:00"))).isEmpty();
    }

    @Test
    void theNowEndpointAnswersInTheContractsShape() throws Exception {
        mvc.perform(get("/api/v1/classrooms/{id}/now", school.room1).param("at", "2026-11-23T09:05:00+08:00")
                .with(ActingAs.actor(school.admin())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.happening").value(false))
                .andExpect(jsonPath("$.classroom.name").value("录播教室1"))
                .andExpect(jsonPath("$.period").isEmpty())
                .andExpect(jsonPath("$.class").isEmpty());
        mvc.perform(get("/api/v1/classrooms/{id}/now", school.room1).param("at", "2026-11-23T08:05:00+08:00")
                .with(ActingAs.actor(school.admin())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.happening").value(true))
                .andExpect(jsonPath("$.classroom.homeClassFullName").value("七年级1班"))
                .andExpect(jsonPath("$.period.no").value(1))
                .andExpect(jsonPath("$.period.start").value("08:00"))
                .andExpect(jsonPath("$.period.end").value("08:45"))
                .andExpect(jsonPath("$.class.fullName").value("七年级1班"))
                .andExpect(jsonPath("$.class.gradeName").value("七年级"))
                .andExpect(jsonPath("$.subject").value("数学"))
                .andExpect(jsonPath("$.teacher.id").value(school.wang))
                .andExpect(jsonPath("$.teacher.name").value("王芳"));
    }

    @Test
    void aClassroomOfAnotherSchoolIsNotFound() throws Exception {
        TestSchool other = new TestSchool(organization, accounts, TERM_START, TERM_END, false);
        mvc.perform(get("/api/v1/classrooms/{id}/now", school.room1).with(ActingAs.actor(other.admin())))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/not-found"));
        mvc.perform(get("/api/v1/classrooms/{id}/now", school.room1)
                .with(ActingAs.actor(school.actor(school.parent1User, BuiltInRole.PARENT))))
                .andExpect(status().isForbidden());
    }
}

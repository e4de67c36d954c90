package org.ketang.platform.organization.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ketang.platform.organization.BellSchedule;
import org.ketang.platform.organization.DayKind;
import org.ketang.platform.organization.Examples;
import org.ketang.platform.organization.Period;

class TimetableRowsTests {

    static final long CLASS_1 = 11, CLASS_2 = 12, MATH = 2, CHINESE = 1, ENGLISH = 3, PHYSICS = 4;
    static final long WANG = 101, LI = 102, ZHAO = 103, ROOM_1 = 501;

    static final BellSchedule BELLS = new BellSchedule(List.of(
            new DayKind("常规", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), periods(8)),
            new DayKind("周五", Set.of(DayOfWeek.FRIDAY), periods(6))));

    static final TimetableRows.Catalog CATALOG = new TimetableRows.Catalog(
            Map.of("七年级1班", CLASS_1, "七年级2班", CLASS_2),
            Map.of("数学", MATH, "MATH", MATH, "Mathematics", MATH, "语文", CHINESE, "英语", ENGLISH, "物理", PHYSICS),
            Map.of("王芳", List.of(WANG), "李强", List.of(LI), "赵敏", List.of(ZHAO), "张伟", List.of(201L, 202L)),
            Map.of("wangfang", WANG), Map.of("录播教室1", List.of(ROOM_1)), BELLS);

    static List<Period> periods(int count) {
        List<Period> periods = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LocalTime start = LocalTime.of(8, 0).plusMinutes(55L * i);
            periods.add(new Period(i + 1, start, start.plusMinutes(45)));
        }
        return periods;
    }

    static TimetableRows.Checked check(String csv) {
        var parsed = ImportFile.read(csv.getBytes(StandardCharsets.UTF_8), "t.csv", TimetableRows.COLUMNS);
        assertThat(parsed.errors()).isEmpty();
        return TimetableRows.check(parsed.rows(), CATALOG);
    }

    @Test
    void theExampleFileBecomesLessons() {
        var checked = TimetableRows.check(
                ImportFile.read(Examples.file("timetable.csv"), "timetable.csv", TimetableRows.COLUMNS).rows(), CATALOG);
        assertThat(checked.errors()).isEmpty();
        assertThat(checked.classIds()).containsExactly(CLASS_1, CLASS_2);
        assertThat(checked.placements()).hasSize(9).first()
                .isEqualTo(new Lessons.Placement(CLASS_1, 1, 1, MATH, WANG, null));
        // teacher by username, classroom by name, weekday as a number
        assertThat(checked.placements().get(4)).isEqualTo(new Lessons.Placement(CLASS_1, 2, 2, MATH, WANG, ROOM_1));
        assertThat(checked.placements().get(8)).isEqualTo(new Lessons.Placement(CLASS_2, 5, 3, PHYSICS, WANG, ROOM_1));
    }

    @Test
    void reportsAnUnknownTeacherWithItsRowNumber() {
        StringBuilder csv = new StringBuilder("班级,星期,节次,学科,教师\n");
        for (int i = 0; i < 15; i++) {
            csv.append("七年级1班,").append(1 + i / 8).append(',').append(1 + i % 8).append(",数学,王芳\n");
        }
        csv.append("七年级2班,周三,1,语文,王老师\n");
        var checked = check(csv.toString());
        assertThat(checked.placements()).isEmpty();
        assertThat(checked.errors()).containsExactly(
                new ImportError(17, "第17行：未知教师 王老师", "row 17: unknown teacher 王老师"));
    }

    @Test
    void reportsEveryBadRowNotJustTheFirst() {
        var checked = check("""
                班级,星期,节次,学科,教师,教室
                八年级9班,周一,1,数学,王芳,
                七年级1班,周八,1,数学,王芳,
                七年级1班,周一,九,数学,王芳,
                七年级1班,周五,7,数学,王芳,
                七年级1班,周一,1,天文,王芳,
                七年级1班,周一,2,数学,张伟,
                七年级1班,周一,3,数学,王芳,礼堂
                七年级1班,周一,4,数学,王芳,
                """);
        assertThat(checked.placements()).isEmpty();
        assertThat(checked.errors()).extracting(ImportError::message).containsExactly(
                "第2行：未知班级 八年级9班",
                "第3行：无法识别星期 周八",
                "第4行：无法识别节次 九",
                "第5行：作息时间中没有周五第7节",
                "第6行：未知学科 天文",
                "第7行：有多位教师名为 张伟，请填写用户名",
                "第8行：未知教室 礼堂");
    }

    @Test
    void aSlotTakenTwiceIsAnError() {
        var checked = check("班级,星期,节次,学科,教师\n七年级1班,1,1,数学,王芳\n七年级1班,周一,1,语文,李强\n");
        assertThat(checked.errors()).extracting(ImportError::row).containsExactly(3);
        assertThat(checked.errors().get(0).message()).contains("第2行");
    }

    @Test
    void aTeacherCannotTeachTwoClassesAtOnce() {
        var checked = check("班级,星期,节次,学科,教师\n七年级1班,1,1,数学,王芳\n七年级2班,1,1,数学,wangfang\n");
        assertThat(checked.errors()).singleElement()
                .satisfies(e -> assertThat(e.messageEn()).isEqualTo(
                        "row 3: teacher wangfang already teaches period 1 on MONDAY (row 2)"));
    }

    @Test
    void aLessonWithoutTeacherIsAllowed() {
        var checked = check("班级,星期,节次,学科,教师\n七年级1班,1,8,自习,\n".replace("自习", "英语"));
        assertThat(checked.errors()).isEmpty();
        assertThat(checked.placements()).containsExactly(new Lessons.Placement(CLASS_1, 1, 8, ENGLISH, null, null));
    }
}

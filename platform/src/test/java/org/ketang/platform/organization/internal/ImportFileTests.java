package org.ketang.platform.organization.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.ketang.platform.organization.Examples;

class ImportFileTests {

    static ImportFile.Parsed timetable(byte[] content, String filename) {
        return ImportFile.read(content, filename, TimetableRows.COLUMNS);
    }

    @Test
    void readsTheExampleTimetable() {
        var parsed = timetable(Examples.file("timetable.csv"), "timetable.csv");
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rows()).hasSize(9);
        ImportRow first = parsed.rows().get(0);
        assertThat(first.row()).isEqualTo(2);
        assertThat(first.get("class")).isEqualTo("七年级1班");
        assertThat(first.get("weekday")).isEqualTo("周一");
        assertThat(first.get("teacher")).isEqualTo("王芳");
        assertThat(first.get("classroom")).isEmpty();
    }

    @Test
    void readsUtf8WithByteOrderMark() {
        var parsed = timetable(Examples.withBom("timetable.csv"), "t.csv");
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rows()).hasSize(9);
        assertThat(parsed.rows().get(0).get("class")).isEqualTo("七年级1班");
    }

    @Test
    void readsGb18030AsExcelSavesItOnChineseWindows() {
        byte[] gb = Examples.encoded("timetable.csv", ImportFile.GB18030);
        assertThat(gb).isNotEqualTo(Examples.file("timetable.csv"));
        var parsed = timetable(gb, "t.csv");
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rows().get(1).get("subject")).isEqualTo("语文");
        assertThat(parsed.rows().get(1).get("teacher")).isEqualTo("李强");
    }

    @Test
    void readsTheFirstSheetOfAnXlsxWorkbook() {
        var parsed = timetable(Examples.xlsx("timetable.csv"), "课表.xlsx");
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rows()).hasSize(9);
        assertThat(parsed.rows().get(0).get("period")).isEqualTo("1");
        assertThat(parsed.rows().get(8).get("weekday")).isEqualTo("5");
        assertThat(parsed.rows().get(8).row()).isEqualTo(10);
    }

    @Test
    void recognisesAnXlsxWithoutItsExtension() {
        assertThat(timetable(Examples.xlsx("timetable.csv"), "upload").rows()).hasSize(9);
    }

    @Test
    void acceptsEnglishAndBilingualColumnNames() {
        String csv = "Class,Weekday,Period,Subject,Teacher\n七年级1班,Mon,1,Math,王芳\n";
        assertThat(timetable(csv.getBytes(StandardCharsets.UTF_8), "t.csv").rows()).singleElement()
                .satisfies(r -> assertThat(r.get("subject")).isEqualTo("Math"));
        String bilingual = "班级 class,星期 weekday,节次 period,学科 subject,教师 teacher\n七年级1班,1,1,数学,王芳\n";
        assertThat(timetable(bilingual.getBytes(StandardCharsets.UTF_8), "t.csv").errors()).isEmpty();
    }

    @Test
    void unknownAndMissingColumnsAreErrorsOfTheHeaderRow() {
        String csv = "班级,星期,节次,学科,备注\n七年级1班,1,1,数学,x\n";
        var parsed = timetable(csv.getBytes(StandardCharsets.UTF_8), "t.csv");
        assertThat(parsed.rows()).isEmpty();
        assertThat(parsed.errors()).extracting(ImportError::message)
                .containsExactly("第1行：未知列 备注", "第1行：缺少列 教师");
        assertThat(parsed.errors()).extracting(ImportError::messageEn).contains("row 1: unknown column 备注");
    }

    @Test
    void blankLinesAreSkippedButRowNumbersStayThoseOfTheFile() {
        String csv = "班级,星期,节次,学科,教师\n\n七年级1班,1,1,数学,王芳\n,,,,\n七年级1班,1,2,语文,李强\n";
        var parsed = timetable(csv.getBytes(StandardCharsets.UTF_8), "t.csv");
        assertThat(parsed.rows()).extracting(ImportRow::row).containsExactly(3, 5);
    }

    @Test
    void garbageIsReportedNotThrown() {
        var parsed = timetable(new byte[] { 'P', 'K', 3, 4, 1, 2, 3 }, "x.xlsx");
        assertThat(parsed.errors()).singleElement().satisfies(e -> assertThat(e.row()).isEqualTo(1));
    }
}

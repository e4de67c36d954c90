package org.ketang.vision.director;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ChaptersTests {

    private static final List<Cut> CUTS = List.of(
            new Cut(0, null, Shot.TEACHER_WIDE, "no presenter tracked"),
            new Cut(3.5, Shot.TEACHER_WIDE, Shot.TEACHER_CLOSE, "the presenter"),
            new Cut(62.25, Shot.TEACHER_CLOSE, Shot.COURSEWARE, "new \"courseware\""),
            new Cut(3725.5, Shot.COURSEWARE, Shot.STUDENT_CLOSE, "a student stood up"));

    @Test
    void jsonLinesHaveOneCutPerLine() throws Exception {
        StringBuilder out = new StringBuilder();
        Chapters.writeJsonLines(CUTS, out);
        assertThat(out.toString().lines()).containsExactly(
                "{\"t\":0.000,\"from\":null,\"to\":\"TEACHER_WIDE\",\"title\":\"讲台全景 Teaching area\","
                        + "\"reason\":\"no presenter tracked\"}",
                "{\"t\":3.500,\"from\":\"TEACHER_WIDE\",\"to\":\"TEACHER_CLOSE\",\"title\":\"教师 Teacher\","
                        + "\"reason\":\"the presenter\"}",
                "{\"t\":62.250,\"from\":\"TEACHER_CLOSE\",\"to\":\"COURSEWARE\",\"title\":\"课件 Courseware\","
                        + "\"reason\":\"new \\\"courseware\\\"\"}",
                "{\"t\":3725.500,\"from\":\"COURSEWARE\",\"to\":\"STUDENT_CLOSE\",\"title\":\"学生发言 Student\","
                        + "\"reason\":\"a student stood up\"}");
    }

    @Test
    void webVttChaptersJoinTheTeachersCloseAndWideShots() throws Exception {
        StringBuilder out = new StringBuilder();
        Chapters.writeWebVtt(CUTS, 3730, out);
        assertThat(out.toString()).isEqualTo("""
                WEBVTT

                1
                00:00:00.000 --> 00:01:02.250
                教师 Teacher

                2
                00:01:02.250 --> 01:02:05.500
                课件 Courseware

                3
                01:02:05.500 --> 01:02:10.000
                学生发言 Student
                """);
    }
}

package org.ketang.recorder.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketang.recorder.program.Layout;
import org.ketang.recorder.program.ProgramContext;
import org.ketang.vision.Box;
import org.ketang.vision.FrameSize;
import org.ketang.vision.director.Placement;
import org.ketang.vision.director.Shot;
import org.ketang.vision.director.Source;

/** The vision director's layouts as the program's, and the chapters kept with a recording. */
class TrackingDirectorTests {

    static final FrameSize SIZE = new FrameSize(640, 360);

    @TempDir
    Path dir;

    ProgramContext program(String... sources) {
        return new ProgramContext(List.of(sources), Instant.EPOCH, 0.3, 25, dir);
    }

    @Test
    void theTeacherCloseUpIsACropOfTheTeacherCameraAsFractions() {
        Layout layout = TrackingDirector.toProgram(new org.ketang.vision.director.Layout(Shot.TEACHER_CLOSE,
                List.of(new Placement(Source.TEACHER, new Box(160, 90, 320, 180), Placement.FULL))),
                program("teacher", "courseware"), SIZE);

        assertThat(layout.main()).isEqualTo("teacher");
        assertThat(layout.pips()).isEmpty();
        assertThat(layout.crops()).containsExactly(Map.entry("teacher", new Layout.Rect(0.25, 0.25, 0.5, 0.5)));
    }

    @Test
    void newCoursewareFillsTheProgramWithTheFramedTeacherAsPictureInPicture() {
        Layout layout = TrackingDirector.toProgram(new org.ketang.vision.director.Layout(Shot.COURSEWARE, List.of(
                new Placement(Source.COURSEWARE, Box.of(SIZE), Placement.FULL),
                new Placement(Source.TEACHER, new Box(320, 0, 320, 180), new Box(0.73, 0.71, 0.25, 0.25)))),
                program("teacher", "student", "courseware"), SIZE);

        assertThat(layout.main()).isEqualTo("courseware");
        // the program's PiP size is fixed (pipScale 0.3): the window keeps inside the picture
        assertThat(layout.pips()).containsExactly(new Layout.Pip("teacher", new Layout.Rect(0.7, 0.7, 0.3, 0.3)));
        assertThat(layout.crops()).containsOnlyKeys("teacher");
    }

    @Test
    void aStudentCloseUpNeedsAStudentCameraInTheProgram() {
        org.ketang.vision.director.Layout student = new org.ketang.vision.director.Layout(Shot.STUDENT_CLOSE,
                List.of(new Placement(Source.STUDENTS, new Box(64, 36, 192, 108), Placement.FULL)));

        Layout withCamera = TrackingDirector.toProgram(student, program("teacher", "student"), SIZE);
        Layout without = TrackingDirector.toProgram(student, program("teacher"), SIZE);

        assertThat(withCamera.main()).isEqualTo("student");
        assertThat(withCamera.crops().get("student")).isEqualTo(new Layout.Rect(0.1, 0.1, 0.3, 0.3));
        assertThat(without).isEqualTo(Layout.full("teacher"));
    }

    @Test
    void chaptersComeFromTheWholeCutLogOfARecording() throws Exception {
        // two encoder runs of one recording appended their cuts
        Files.writeString(dir.resolve(TrackingDirector.CUTS_FILE), """
                {"t":0.000,"from":null,"to":"TEACHER_WIDE","title":"讲台全景 Teaching area","reason":"no presenter tracked"}
                {"t":3.200,"from":"TEACHER_WIDE","to":"TEACHER_CLOSE","title":"教师 Teacher","reason":"the presenter"}
                {"t":20.000,"from":null,"to":"TEACHER_WIDE","title":"讲台全景 Teaching area","reason":"no presenter tracked"}
                {"t":31.500,"from":"TEACHER_WIDE","to":"COURSEWARE","title":"课件 Courseware","reason":"new courseware"}
                """);

        TrackingDirector.writeChapters(dir, 40);

        assertThat(Files.readString(dir.resolve(TrackingDirector.CHAPTERS_FILE))).isEqualTo("""
                WEBVTT

                1
                00:00:00.000 --> 00:00:31.500
                教师 Teacher

                2
                00:00:31.500 --> 00:00:40.000
                课件 Courseware
                """);
    }
}

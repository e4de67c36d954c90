package org.ketang.vision.director;

/** What the program shows, with a chapter title in Chinese and English. */
public enum Shot {
    /** The presenter, framed by the virtual camera. */
    TEACHER_CLOSE("教师", "Teacher"),
    /** The whole teaching area (nobody tracked, or the presenter not yet seen whole). */
    TEACHER_WIDE("讲台全景", "Teaching area"),
    /** A close-up of a student who stood up. */
    STUDENT_CLOSE("学生发言", "Student"),
    /** The courseware full screen, the teacher in a picture-in-picture when tracked. */
    COURSEWARE("课件", "Courseware");

    private final String chinese;
    private final String english;

    Shot(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    /** A chapter title: Chinese first, then English. */
    public String title() {
        return chinese + " " + english;
    }
}

package org.ketang.vision.director;

/** A video source of a classroom. */
public enum Source {
    /** The wide camera on the teaching area (the virtual camera crops it). */
    TEACHER,
    /** The camera facing the students. */
    STUDENTS,
    /** The teacher's computer screen. */
    COURSEWARE
}

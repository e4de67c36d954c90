package org.ketang.platform.library;

/**
 * Who may watch a lesson. PRIVATE: its teacher, its uploader and the school's lesson managers; SCHOOL: also
 * people of the school with LESSON_VIEW (staff, students) and district-wide staff; DISTRICT: everyone with
 * LESSON_VIEW; PUBLIC: everyone signed in (parents included).
 */
public enum Visibility {
    PRIVATE, SCHOOL, DISTRICT, PUBLIC
}

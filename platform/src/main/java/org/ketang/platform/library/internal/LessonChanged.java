package org.ketang.platform.library.internal;

/** A lesson was created or changed; the search index follows after the transaction commits. */
record LessonChanged(long lessonId) {
}

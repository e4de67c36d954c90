/**
 * Lesson contests (优课评选, 一师一优课) and their showcase (课例展示): an organiser (the district or a school) opens a
 * contest with eligible schools, subjects and grades, rounds (校级 → 区级), a submission window and a rubric from the
 * observation module ({@link org.ketang.platform.observation.Rubrics}, frozen once a contest uses it); teachers submit
 * one of their READY library lessons with attachments (uploads taken over from ingest); judges of each subject score
 * entries of other schools while watching (granted through {@link org.ketang.platform.library.LessonGrants}), blind if
 * the organiser chooses; results average the judges (optionally without the highest and lowest), rank per subject,
 * award 一/二/三等奖 by rule or by hand, publish, promote winners to the next round and show them on the showcase.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "identity", "http", "audit", "organization", "library", "ingest",
        "observation" })
package org.ketang.platform.contests;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

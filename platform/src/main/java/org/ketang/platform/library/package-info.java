/**
 * The teaching-video library: lessons (课例) classified from the timetable, browse, Chinese full-text search,
 * personal spaces (favourites, watch progress, playlists), view statistics and playback links. Other modules
 * call {@link org.ketang.platform.library.LessonIntake} (a finished upload or recording becomes a lesson) and
 * {@link org.ketang.platform.library.LessonMedia} (processing progress); the media module implements
 * {@link org.ketang.platform.library.PlaybackLinks}. The live module finds the lesson a live class became with
 * {@link org.ketang.platform.library.RecordedLessons} (told by {@link org.ketang.platform.library.LessonRecorded}) and
 * asks {@link org.ketang.platform.library.Visibility#admits} who may watch.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "organization", "identity", "http", "ingest", "media" })
package org.ketang.platform.library;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

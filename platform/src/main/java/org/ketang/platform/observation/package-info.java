/**
 * Observation (教研听课, 网络评课): researchers and school leaders watch a lesson — live, or its recording — and post
 * time-coded comments and rubric scores that other observers see at once (server-sent events); when a live class
 * becomes a library lesson ({@link org.ketang.platform.live.LiveRecorded}) its comments move onto the lesson's
 * timeline. Rubrics ({@link org.ketang.platform.observation.Rubric}, {@link org.ketang.platform.observation.Rubrics})
 * are the public, reusable part: contests score entries with the same model. A researcher observes the subjects
 * assigned to them ({@link org.ketang.platform.observation.ResearcherSubjects}).
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "identity", "http", "audit", "organization", "library", "live" })
package org.ketang.platform.observation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

/**
 * Sees new content on the courseware source (the teacher's screen): a new slide or a new bullet, but not a moving
 * mouse pointer or a video playing in part of the slide.
 */
package org.ketang.vision.courseware;

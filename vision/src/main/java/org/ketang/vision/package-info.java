/**
 * Automatic tracking and directing for lecture capture: frames in, decisions out.
 *
 * <p>This package holds the value types every feature shares ({@link org.ketang.vision.Box},
 * {@link org.ketang.vision.FrameSize}, {@link org.ketang.vision.Region}) and the per-classroom
 * {@link org.ketang.vision.ClassroomSettings}. The features are packages: {@code presenter} follows the teacher in a
 * wide view, {@code camera} turns that into a smooth virtual camera crop, {@code ptz} drives a real VISCA-over-IP
 * camera, {@code students} sees a student stand up, {@code courseware} sees new slides, and {@code director} decides
 * what the program shows ({@link org.ketang.vision.director.AutoDirector} wires all of them for one classroom).
 * {@code motion} is the background model they share. {@code scenes} renders synthetic classrooms with exact ground
 * truth, {@code evaluation} scores the analysis, and {@code benchmark} is the command behind
 * {@code bench/run-tracking.sh}. Only {@code benchmark} reads files or starts processes, and only {@code ptz} opens
 * sockets (its simulated camera also starts a thread).
 */
package org.ketang.vision;

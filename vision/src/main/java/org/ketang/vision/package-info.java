/**
 * Automatic tracking and directing for lecture capture: frames in, decisions out.
 *
 * <p>The packages are features: {@code presenter} follows the teacher in a wide view, {@code camera} turns that
 * into a smooth virtual camera crop, {@code ptz} drives a real VISCA-over-IP camera instead, {@code students}
 * sees a student stand up, {@code courseware} sees a slide change, and {@code director} decides what the
 * program shows. {@link org.ketang.vision.ClassroomVision} wires them for one classroom. {@code scenes} renders
 * synthetic classrooms with exact ground truth and {@code evaluation} scores the whole chain on them (or on real
 * footage). Nothing here reads files, opens sockets (except the PTZ driver) or starts threads.
 */
package org.ketang.vision;

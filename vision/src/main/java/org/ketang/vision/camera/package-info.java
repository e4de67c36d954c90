/**
 * The virtual camera: a smooth 16:9 crop of a wide source that keeps the presenter framed, with a dead zone, speed and
 * acceleration limits, and no movement at all while the presenter stands still.
 */
package org.ketang.vision.camera;

/**
 * What moves in a fixed camera's view, at analysis resolution: a per-pixel background model (mean and variance,
 * not learned under the tracked person), gain compensation against exposure changes, a reset on sudden global
 * changes (lights switched), and blobs of foreground marked live when they moved recently. Flickering pixels
 * (a projector screen) learn a large variance and stop counting as foreground.
 */
package org.ketang.vision.motion;

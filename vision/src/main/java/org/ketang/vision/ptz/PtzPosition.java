package org.ketang.vision.ptz;

/** Where a PTZ camera points, in its own units: pan and tilt signed 16-bit, zoom 0 (wide) up. */
public record PtzPosition(int pan, int tilt, int zoom) {
}

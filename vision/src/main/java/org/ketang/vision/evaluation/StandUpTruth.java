package org.ketang.vision.evaluation;

import org.ketang.vision.Box;

/**
 * A student who really stood up: from the moment they start to rise until they start to sit down again, with the
 * box they occupy while standing, in pixels of the student camera.
 */
public record StandUpTruth(double upAt, double downAt, Box standing) {
}

package org.ketang.vision.director;

/**
 * A change of shot in the program, for the recording's chapter list.
 *
 * @param seconds when, from the start of the recording
 * @param from    the shot before (null for the first shot)
 * @param to      the shot after
 * @param reason  why, in words (for people reading the log)
 */
public record Cut(double seconds, Shot from, Shot to, String reason) {
}

package org.ketang.vision.director;

import org.ketang.vision.Box;

/**
 * One picture in the program: take {@code crop} (source pixels) from {@code source}, scale it into {@code area}
 * (fractions of the program: 0,0,1,1 fills it).
 */
public record Placement(Source source, Box crop, Box area) {

    /** The whole program. */
    public static final Box FULL = new Box(0, 0, 1, 1);
}

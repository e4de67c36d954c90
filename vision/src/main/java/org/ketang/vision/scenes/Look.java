package org.ketang.vision.scenes;

import java.util.List;
import java.util.SplittableRandom;

/**
 * How a synthetic person looks: build, skin, hair and clothing. Random looks span light and dark clothes, stripes,
 * skirts, long and short sleeves, so that a tracker cannot rely on one appearance.
 */
record Look(double build, Colour skin, Colour hair, Colour top, Colour bottom, Colour shoes, boolean skirt,
        boolean longSleeves, Colour stripes, Colour jacket) {

    private static final List<Colour> SKIN = List.of(Colour.rgb(241, 194, 160), Colour.rgb(224, 172, 130),
            Colour.rgb(198, 144, 104), Colour.rgb(160, 110, 75), Colour.rgb(232, 190, 150));
    private static final List<Colour> HAIR = List.of(Colour.rgb(20, 18, 18), Colour.rgb(45, 35, 30),
            Colour.rgb(70, 50, 35), Colour.rgb(110, 105, 100), Colour.rgb(30, 25, 22));
    private static final List<Colour> TOPS = List.of(Colour.rgb(235, 235, 230), Colour.rgb(40, 60, 110),
            Colour.rgb(150, 30, 40), Colour.rgb(60, 60, 65), Colour.rgb(90, 140, 190), Colour.rgb(200, 170, 120),
            Colour.rgb(30, 90, 60), Colour.rgb(230, 200, 60), Colour.rgb(25, 25, 28), Colour.rgb(170, 120, 160));
    private static final List<Colour> BOTTOMS = List.of(Colour.rgb(30, 30, 35), Colour.rgb(45, 55, 90),
            Colour.rgb(90, 85, 80), Colour.rgb(150, 130, 100), Colour.rgb(20, 20, 22));
    private static final List<Colour> SHOES = List.of(Colour.rgb(15, 15, 15), Colour.rgb(80, 55, 35),
            Colour.rgb(220, 220, 220));

    /** A random look; the same random state gives the same person. */
    static Look random(SplittableRandom random) {
        Colour top = pick(random, TOPS).varied(random, 12);
        Colour stripes = random.nextInt(4) == 0 ? pick(random, TOPS).varied(random, 10) : null;
        Colour jacket = random.nextInt(4) == 0 ? pick(random, BOTTOMS).varied(random, 10) : null;
        return new Look(0.85 + 0.35 * random.nextDouble(), pick(random, SKIN).varied(random, 8),
                pick(random, HAIR), top, pick(random, BOTTOMS).varied(random, 10), pick(random, SHOES),
                random.nextInt(5) == 0, random.nextBoolean(), stripes, jacket);
    }

    private static Colour pick(SplittableRandom random, List<Colour> colours) {
        return colours.get(random.nextInt(colours.size()));
    }
}

package org.ketang.vision.scenes;

import java.util.EnumSet;
import java.util.Set;

import org.ketang.vision.FrameSize;

/**
 * A synthetic courseware feed (the teacher's computer screen as the recorder captures it): slides that change,
 * bullets that appear one by one, plus what must not count as new content — a moving mouse pointer, a video playing
 * inside a slide. Seeded.
 *
 * @param slides how many slides are shown one after another
 * @param noise  standard deviation of capture noise, grey levels
 */
public record CoursewareScene(String name, long seed, FrameSize size, double fps, double seconds, int slides,
        double noise, Set<Challenge> challenges) {

    /** Something that makes slide-change detection harder. */
    public enum Challenge {
        /** Bullets appear one at a time (each is new content to show). */
        BUILDS,
        /** The mouse pointer moves about (not new content). */
        POINTER,
        /** A video plays in part of a slide (not new content). */
        VIDEO,
        /** Slides cross-fade instead of cutting. */
        FADES
    }

    public CoursewareScene {
        challenges = challenges.isEmpty() ? EnumSet.noneOf(Challenge.class) : EnumSet.copyOf(challenges);
    }

    public boolean has(Challenge challenge) {
        return challenges.contains(challenge);
    }

    /** Starts rendering from the first frame. */
    public CoursewareFeed open() {
        return new CoursewareFeed(this);
    }

    /** Number of frames. */
    public int frames() {
        return (int) Math.round(seconds * fps);
    }
}

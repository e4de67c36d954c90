package org.ketang.vision.scenes;

import java.util.EnumSet;
import java.util.Set;

import org.ketang.vision.FrameSize;

/**
 * A synthetic student-camera video: rows of seated students seen from the front of the room, in perspective, who
 * sway, write and look around; some stand up to answer and sit down again, others only raise a hand. Seeded: the
 * same scene always renders the same frames and ground truth.
 *
 * @param rows       rows of desks
 * @param columns    students per row
 * @param standUps   how many times a student stands up during the scene
 * @param noise      standard deviation of the sensor noise, grey levels
 */
public record StudentScene(String name, long seed, FrameSize size, double fps, double seconds, int rows, int columns,
        int standUps, double noise, Set<Challenge> challenges) {

    /** Something in the scene that makes stand-up detection harder. */
    public enum Challenge {
        /** Students raise a hand without standing up. */
        HAND_RAISES,
        /** Students lean, turn to their neighbours and look down to write, more than usual. */
        FIDGETING,
        /** The room lights switch. */
        LIGHTING_CHANGES
    }

    public StudentScene {
        challenges = challenges.isEmpty() ? EnumSet.noneOf(Challenge.class) : EnumSet.copyOf(challenges);
    }

    public boolean has(Challenge challenge) {
        return challenges.contains(challenge);
    }

    /** Starts rendering from the first frame. */
    public StudentCamera open() {
        return new StudentCamera(this);
    }

    /** Number of frames. */
    public int frames() {
        return (int) Math.round(seconds * fps);
    }
}

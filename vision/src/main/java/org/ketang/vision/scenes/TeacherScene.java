package org.ketang.vision.scenes;

import java.util.EnumSet;
import java.util.Set;

import org.ketang.vision.FrameSize;
import org.ketang.vision.Region;

/**
 * A synthetic teacher-camera video: a classroom front (blackboard, projector screen, podium, door) with a
 * presenter following a random but seeded script, plus the {@link Challenge}s a real room throws at a tracker.
 * The same scene always renders the same frames and ground truth.
 *
 * @param presenterHeight the presenter's standing height as a fraction of the frame height (at mid depth)
 * @param noise           standard deviation of the sensor noise, grey levels
 * @param teachingArea    the analysis region a school would set for this room
 */
public record TeacherScene(String name, long seed, FrameSize size, double fps, double seconds,
        double presenterHeight, double noise, Set<Challenge> challenges, Region teachingArea) {

    /** Something in the scene that makes tracking harder. */
    public enum Challenge {
        /** The presenter turns to the board and writes (back to the camera, chalk appears). */
        WRITES_AT_BOARD,
        /** The presenter stands motionless for seconds at a time. */
        STANDS_STILL,
        /** The presenter leaves through the side and comes back after a few seconds. */
        LEAVES_AND_RETURNS,
        /** The projector screen flickers and rolls (camera shutter against the projector's refresh). */
        PROJECTOR_FLICKER,
        /** A board panel slides sideways. */
        SLIDING_BOARD,
        /** The room lights switch and the camera's exposure drifts. */
        LIGHTING_CHANGES,
        /** People step in at the edge, and one crosses in front of the presenter. */
        PASSERS_BY,
        /** The heads of the front row move at the bottom of the picture (outside the teaching area). */
        STUDENT_HEADS
    }

    public TeacherScene {
        challenges = challenges.isEmpty() ? EnumSet.noneOf(Challenge.class) : EnumSet.copyOf(challenges);
    }

    public boolean has(Challenge challenge) {
        return challenges.contains(challenge);
    }

    /** Starts rendering from the first frame. */
    public TeacherCamera open() {
        return new TeacherCamera(this);
    }

    /** Number of frames. */
    public int frames() {
        return (int) Math.round(seconds * fps);
    }
}

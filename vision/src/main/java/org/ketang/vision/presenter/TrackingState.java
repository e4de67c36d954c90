package org.ketang.vision.presenter;

/** Whether the tracker follows someone. */
public enum TrackingState {
    /** Nobody locked: the presenter has not been found yet or has left the teaching area. */
    SEARCHING,
    /** Following the presenter; the box is where they are (or were last seen, while they stand still). */
    TRACKING
}

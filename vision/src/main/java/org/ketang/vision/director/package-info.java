/**
 * The director: decides, frame by frame, what the program shows — the teacher (close or wide), a student who stands
 * up, the courseware (with the teacher as picture-in-picture) — with minimum shot lengths, hysteresis and priorities,
 * and keeps a time-coded log of cuts that a recorder writes next to the recording as chapters.
 */
package org.ketang.vision.director;

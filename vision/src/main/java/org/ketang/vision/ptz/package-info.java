/**
 * Drives real PTZ cameras with Sony's VISCA over IP (UDP 52381): {@link org.ketang.vision.ptz.ViscaCommand} builds
 * the VISCA messages, {@link org.ketang.vision.ptz.ViscaPacket} frames them with the VISCA-over-IP header,
 * {@link org.ketang.vision.ptz.ViscaCamera} sends them with sequence numbers, acknowledgements, completions and
 * retries, {@link org.ketang.vision.ptz.PtzFollower} turns the virtual camera's moves into camera positions, and
 * {@link org.ketang.vision.ptz.SimulatedViscaCamera} answers like a camera, for tests and demonstrations without
 * hardware.
 */
package org.ketang.vision.ptz;

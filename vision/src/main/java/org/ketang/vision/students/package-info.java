/**
 * Sees students stand up (and sit down) in the student camera:
 * {@link org.ketang.vision.students.StandUpDetector} follows regions of coherent vertical motion (dense optical
 * flow) and calls a rise of about a shoulder width, broad rather than arm-thin, a stand-up.
 */
package org.ketang.vision.students;

package org.ketang.vision.ptz;

import java.io.IOException;

/** A PTZ camera refused a command, or did not answer. */
public class PtzException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int viscaError;

    public PtzException(String message, int viscaError) {
        super(message);
        this.viscaError = viscaError;
    }

    /** The VISCA error code ({@link ViscaReply#SYNTAX} …), 0 when the camera did not answer. */
    public int viscaError() {
        return viscaError;
    }
}

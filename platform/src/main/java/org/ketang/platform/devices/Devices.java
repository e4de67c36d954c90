package org.ketang.platform.devices;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.identity.Actor;

/** Looks up enrolled devices for other modules (live, signage, patrol). */
public interface Devices {

    Optional<Device> find(long deviceId);

    /** The in-service device signed in as {@code actor}, or empty when the actor is not a device. */
    Optional<Device> of(Actor actor);

    /** The in-service recorder of a classroom, if one is enrolled. */
    Optional<Device> recorderOf(long classroomId);

    /** In-service devices of a school (every school when {@code schoolId} is null), by classroom. */
    List<Device> inService(DeviceKind kind, @Nullable Long schoolId);
}

package org.ketang.platform.media;

import org.ketang.platform.identity.Actor;

/**
 * What a person may do with an asset's processing, answered by the module that owns the asset (the library for
 * {@code lesson:<id>}). Media knows files, not schools or teachers, so it asks every implementation and takes the
 * widest answer. District-wide lesson managers may always manage (they run the queue); anyone else sees only
 * assets some owner module lets them see, and gets 404 for the rest.
 */
public interface AssetAccess {

    /** The actor's access to the asset owned by {@code ownerRef}; {@link Access#NONE} for owners it does not know. */
    Access of(Actor actor, String ownerRef);

    /** Levels of access, each including the ones before it. */
    enum Access {
        NONE,
        /** See progress and state (the uploader, the lesson's teacher). */
        FOLLOW,
        /** Also cancel and retry (a lesson manager of the owner's school). */
        MANAGE;

        public boolean atLeast(Access other) {
            return compareTo(other) >= 0;
        }
    }
}

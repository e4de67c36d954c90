package org.ketang.platform.ingest;

import org.ketang.platform.identity.Actor;

/**
 * An upload {@code purpose} owned by another module, for files people send who do not upload lessons (e.g. the
 * home-school app's photos and voice recordings from parents). Declare implementations as beans: an upload whose
 * {@code purpose} metadata matches is allowed when {@link #mayUpload} says so (instead of requiring
 * {@code LESSON_UPLOAD}) and is limited to {@link #maxSize()}. The owning module then {@linkplain Uploads#claim claims}
 * the file; an {@link UploadCheck} may still veto it.
 */
public interface UploadPurpose {

    /** The {@code purpose} metadata value this bean answers for, e.g. {@code homeschool-attachment}. */
    String purpose();

    /** Whether the actor may upload (and resume, and see their own) files of this purpose. */
    boolean mayUpload(Actor actor);

    /** The largest file of this purpose in bytes (the global {@code ketang.ingest.max-upload-size} still applies). */
    long maxSize();
}

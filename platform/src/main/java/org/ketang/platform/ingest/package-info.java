/**
 * Resumable uploads (tus 1.0) at {@code /api/v1/uploads}: teachers' browsers and, later, classroom recorders
 * send multi-GB files that survive dropped connections and server restarts. Other modules use
 * {@link org.ketang.platform.ingest.Uploads}, listen for {@link org.ketang.platform.ingest.UploadCompleted}, and may
 * veto a finished file with an {@link org.ketang.platform.ingest.UploadCheck} bean.
 */
@NullMarked
@ApplicationModule(displayName = "Ingest", allowedDependencies = { "identity", "http" })
package org.ketang.platform.ingest;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

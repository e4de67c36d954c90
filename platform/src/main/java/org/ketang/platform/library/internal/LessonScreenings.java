package org.ketang.platform.library.internal;

import java.util.Optional;

import org.ketang.platform.library.LessonsOnScreens;
import org.ketang.platform.library.PlaybackLinks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link LessonsOnScreens} over the lesson table and the media module's signed links. */
@Component
@Transactional(readOnly = true)
class LessonScreenings implements LessonsOnScreens {

    private final Lessons lessons;
    private final ObjectProvider<PlaybackLinks> links;

    LessonScreenings(Lessons lessons, ObjectProvider<PlaybackLinks> links) {
        this.lessons = lessons;
        this.links = links;
    }

    @Override
    public Optional<Screening> screening(long lessonId, long deviceAccountId) {
        PlaybackLinks provider = links.getIfAvailable();
        if (provider == null) {
            return Optional.empty();
        }
        return lessons.find(lessonId).filter(l -> l.deletedAt == null && l.assetId != null && l.status.watchable())
                .flatMap(l -> provider.linksFor(l.assetId, deviceAccountId).map(link -> new Screening(l.id(), l.title(),
                        l.durationSeconds, link.hlsUrl(), link.posterUrl())));
    }
}

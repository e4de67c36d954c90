package org.ketang.platform.live.internal;

import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.library.Visibility;

/**
 * Who may watch a live class — the library's rules for lessons, so that a live class and the lesson it becomes have
 * the same audience: a class is seen like a SCHOOL lesson of its school, an open class (公开课) like a PUBLIC one
 * (everyone signed in, parents included), and the school's managers see every channel of it.
 */
public final class Audience {

    private Audience() {
    }

    /** Those who may mark a channel as an open class: DEVICE_CONTROL or LESSON_MANAGE over the whole school. */
    public static boolean manages(Actor actor, long schoolId) {
        return (actor.can(Permission.DEVICE_CONTROL) || actor.can(Permission.LESSON_MANAGE))
                && actor.reachesWholeSchool(schoolId);
    }

    public static boolean sees(Actor actor, long schoolId, boolean openClass) {
        return manages(actor, schoolId) || (openClass ? Visibility.PUBLIC : Visibility.SCHOOL).admits(actor, schoolId);
    }
}

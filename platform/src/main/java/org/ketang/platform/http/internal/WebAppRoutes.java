package org.ketang.platform.http.internal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the single-page web app for its own routes, so that a reload or a bookmarked link such as
 * {@code /admin/timetable} opens the app instead of a 404.
 */
@Controller
class WebAppRoutes {

    @GetMapping({ "/login", "/forbidden", "/admin", "/admin/**", "/portal", "/portal/**", "/m", "/m/**" })
    String app() {
        return "forward:/index.html";
    }

    /** The classroom display player, a page of its own (see web/display.html). */
    @GetMapping({ "/display", "/display/" })
    String display() {
        return "forward:/display.html";
    }
}

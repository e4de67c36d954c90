package org.ketang.platform.http;

import java.io.IOException;
import java.nio.file.Path;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Whole local files sent by the kernel's zero-copy sendfile, as nginx does, when the servlet container offers it
 * (Tomcat's NIO connector on Linux): the bytes never pass through the JVM. Used for the many small HLS files of
 * playing videos.
 */
public final class Sendfile {

    private Sendfile() {
    }

    /**
     * Hands {@code file} to the container to send after the controller returns (the controller then returns
     * {@code null}), or answers false — for Range requests and containers without sendfile — so that the caller
     * serves the file the ordinary way.
     *
     * @param size the file's length, taken by the caller together with the decision to serve it
     */
    public static boolean send(HttpServletRequest request, HttpServletResponse response, Path file, long size,
            MediaType type, CacheControl cache) throws IOException {
        if (request.getHeader(HttpHeaders.RANGE) != null
                || !Boolean.TRUE.equals(request.getAttribute("org.apache.tomcat.sendfile.support"))) {
            return false;
        }
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(type.toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, cache.getHeaderValue());
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setContentLengthLong(size);
        // Tomcat accepts only the canonical path of the file
        request.setAttribute("org.apache.tomcat.sendfile.filename", file.toRealPath().toString());
        request.setAttribute("org.apache.tomcat.sendfile.start", 0L);
        request.setAttribute("org.apache.tomcat.sendfile.end", size);
        return true;
    }
}

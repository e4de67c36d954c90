package org.ketang.platform.media.web;

import java.io.IOException;

import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.http.Sendfile;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The common case of a playing video — a whole, local, published HLS file under a valid token — answered before any
 * other filter or the dispatcher runs: the token and file checks of {@link PublishedFiles}, then the kernel's
 * sendfile. The segment requests of every viewer take this path, so it has to cost about what nginx's does.
 * Everything else (Range requests, object storage, a bad token, an unknown file) continues down the ordinary chain
 * to {@link PlaybackController}, which answers it, errors included.
 */
@Configuration(proxyBeanMethods = false)
class PlaybackFastPath {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> playbackFastPathFilter(PublishedFiles files) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                // HEAD and everything unusual take the ordinary way: only a GET wants the body sent by the kernel
                if (!"GET".equals(request.getMethod()) || !request.getContextPath().isEmpty()) {
                    chain.doFilter(request, response);
                    return;
                }
                PublishedFiles.Found found;
                try {
                    found = files.find(request.getRequestURI());
                } catch (ApiProblem refused) {
                    chain.doFilter(request, response); // the controller answers with the problem
                    return;
                }
                response.setHeader("X-Content-Type-Options", "nosniff");
                if (found.local() == null || !Sendfile.send(request, response, found.local(), found.size(), found.type(),
                        found.cache())) {
                    chain.doFilter(request, response);
                }
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(PublishedFiles.PREFIX + "*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("playbackFastPath");
        return registration;
    }
}

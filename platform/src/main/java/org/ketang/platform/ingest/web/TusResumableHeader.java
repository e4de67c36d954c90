package org.ketang.platform.ingest.web;

import java.io.IOException;

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
 * Puts {@code Tus-Resumable: 1.0.0} on every response of the upload endpoint — errors from the security
 * filters and the problem handler included, hence a filter ahead of security rather than the controller.
 */
@Configuration(proxyBeanMethods = false)
class TusResumableHeader {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> tusResumableHeaderFilter() {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                response.setHeader("Tus-Resumable", UploadsController.TUS_VERSION);
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/v1/uploads", "/api/v1/uploads/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("tusResumableHeader");
        return registration;
    }
}

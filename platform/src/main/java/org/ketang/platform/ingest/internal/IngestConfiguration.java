package org.ketang.platform.ingest.internal;

import java.nio.file.Path;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wires the ingest module: its settings, its upload directory, and the scheduled expiry sweep. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(IngestSettings.class)
class IngestConfiguration {

    @Bean
    UploadFiles uploadFiles(IngestSettings settings, Environment environment) {
        Path dir = settings.dir() != null ? settings.dir()
                : Path.of(environment.getProperty("ketang.data-dir", "./data"), "uploads");
        return new UploadFiles(dir);
    }
}

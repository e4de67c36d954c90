package org.ketang.platform;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/** The Ketang platform: one Spring Boot application, one Spring Modulith module per top-level package. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "Ketang")
public class PlatformApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(PlatformApplication.class);
        // `--demo` is the README's shorthand for the demo profile (a seeded sample district).
        if (Arrays.asList(args).contains("--demo")) {
            app.setAdditionalProfiles("demo");
        }
        app.run(args);
    }
}

package org.ketang.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Points each test application context at its own fresh database. With
 * {@code ketang.test.database=postgresql} it starts one real PostgreSQL (zonky embedded binaries) for the
 * whole test JVM and gives every context a new database in it; otherwise every context gets a new
 * in-memory H2 database in PostgreSQL mode.
 */
public class TestDatabase implements EnvironmentPostProcessor {

    private static EmbeddedPostgres postgres;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(org.springframework.core.env.Profiles.of("test"))) {
            return;
        }
        String name = "ketang_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<String, Object> properties;
        if ("postgresql".equalsIgnoreCase(System.getProperty("ketang.test.database", "h2"))) {
            properties = Map.of("spring.datasource.url", createPostgresDatabase(name),
                    "spring.datasource.username", "postgres", "spring.datasource.password", "postgres");
        } else {
            properties = Map.of("spring.datasource.url", "jdbc:h2:mem:" + name
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("ketang-test-database", properties));
    }

    /** Whether this test JVM runs against PostgreSQL. */
    public static boolean isPostgres() {
        return "postgresql".equalsIgnoreCase(System.getProperty("ketang.test.database", "h2"));
    }

    private static synchronized String createPostgresDatabase(String name) {
        try {
            if (postgres == null) {
                // zonky stops the server in a JVM hook of its own unless told not to; ours runs after the contexts closed
                postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
                // Stop PostgreSQL only after Spring closed every test context: a JVM shutdown hook of our own would
                // race Boot's, and a context closing after the database is gone waits 30 s for a pool connection
                // (Spring Modulith looks up incomplete event publications when it shuts down).
                SpringApplication.getShutdownHandlers().add(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is going away; the temp directory is removed by zonky
                    }
                });
            }
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return postgres.getJdbcUrl("postgres", name);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL for tests", e);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
    }
}

package org.ketang.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;

/**
 * A Spring integration test against the whole platform and a fresh database: in-memory H2 by default,
 * a real PostgreSQL when the build runs with {@code -Dketang.test.database=postgresql} (see
 * {@link TestDatabase}). Name such classes {@code *ApiTests} so that the PostgreSQL pass picks them up.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
public @interface IntegrationTest {
}

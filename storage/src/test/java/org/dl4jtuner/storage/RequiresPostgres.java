package org.dl4jtuner.storage;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Tests that need a PostgreSQL server: they run when {@code DL4J_TUNER_TEST_POSTGRES} holds its URL
 * ({@code .ci/run} starts one and sets it) and are reported as skipped otherwise.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfEnvironmentVariable(named = "DL4J_TUNER_TEST_POSTGRES", matches = ".+")
@interface RequiresPostgres {
}

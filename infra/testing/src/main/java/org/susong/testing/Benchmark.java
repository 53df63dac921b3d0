package org.susong.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The one switch for benchmarks (issue 21 item 4): a class or method marked {@code @Benchmark} runs only with
 * {@code -Dsusong.bench=true} and carries the JUnit tag {@code benchmark}. A benchmark prints figures for
 * {@code docs/benchmarks.md}; it asserts no timing. Run one with, e.g.,
 * {@code ./mvnw -B -o -pl services/eligibility -am test -Dtest=RuleBenchmark -Dsusong.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("benchmark")
@EnabledIfSystemProperty(named = "susong.bench", matches = "true",
        disabledReason = "a benchmark: runs only with -Dsusong.bench=true")
public @interface Benchmark {
}

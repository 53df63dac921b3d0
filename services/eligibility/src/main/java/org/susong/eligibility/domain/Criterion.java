package org.susong.eligibility.domain;

/** One criterion of a rule and how the application fared, in words for people (Chinese and English). */
public record Criterion(String name, boolean passed, String en, String zh) {
}

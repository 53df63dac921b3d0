package org.susong.testing.archfixture.clean.domain;

/** Fixture: a domain type that depends on nothing outside the domain. */
public record Thing(String id) {
}

package org.susong.infra.local.archfixture.clean.domain;

/** Fixture: a domain type that depends on nothing outside the domain. */
public record Thing(String id) {
}

package org.susong.testing.archfixture.stringdistrict.domain;

/** Fixture: a domain type that follows the arrows (the string district is in the API type). */
public record Place(String id) {
}

package org.susong.testing.archfixture.stringdistrict.rest;

/** Fixture: an API type that carries a district as a plain string instead of the District enum. */
public record PlaceView(String id, String sellerDistrict) {
}

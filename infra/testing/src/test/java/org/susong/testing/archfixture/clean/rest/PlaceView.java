package org.susong.testing.archfixture.clean.rest;

import org.susong.commons.ids.District;

/** Fixture: an API type whose district is the District enum. */
public record PlaceView(String id, District district) {
}

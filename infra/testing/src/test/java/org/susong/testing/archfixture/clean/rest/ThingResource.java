package org.susong.testing.archfixture.clean.rest;

import org.susong.testing.archfixture.clean.application.ThingService;

/** Fixture: REST calls the application layer. */
public class ThingResource {
    private final ThingService things = new ThingService();

    public String get(String id) {
        return things.find(id).id();
    }
}

package org.susong.testing.archfixture.clean.application;

import org.susong.testing.archfixture.clean.domain.Thing;

/** Fixture: the application layer uses the domain. */
public class ThingService {
    public Thing find(String id) {
        return new Thing(id);
    }
}

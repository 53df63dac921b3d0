package org.susong.testing.archfixture.shortcut.rest;

import org.susong.testing.archfixture.shortcut.persistence.Store;

/** Fixture: REST reaching past the application layer into persistence - what the rule must refuse. */
public class Shortcut {
    private final Store store = new Store();

    public String get(String id) {
        return store.load(id);
    }
}

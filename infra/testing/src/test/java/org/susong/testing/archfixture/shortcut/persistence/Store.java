package org.susong.testing.archfixture.shortcut.persistence;

/** Fixture: a repository. */
public class Store {
    public String load(String id) {
        return id;
    }
}

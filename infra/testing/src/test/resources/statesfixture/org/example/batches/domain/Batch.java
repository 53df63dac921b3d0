package org.example.batches.domain;

/** Fixture of ServiceArchitectureTest (not compiled): the domain reads the stored text into its enum; not checked. */
enum Batch {
    OPEN, SEALED;

    static Batch of(String text) {
        return "OPEN".equals(text) ? OPEN : SEALED;
    }
}

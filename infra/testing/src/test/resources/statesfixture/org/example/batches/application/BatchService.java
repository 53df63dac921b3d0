package org.example.batches.application;

/** Fixture of ServiceArchitectureTest (not compiled): an application layer comparing string states. */
class BatchService {

    boolean open(Batch batch) {
        return "OPEN".equals(batch.state());
    }

    boolean sealed(Batch batch) {
        return batch.state().equals( "SEALED" );
    }

    int weight(String outcome) {
        switch (outcome) {
            case "CREATED":
                return 1;
            default:
                return 0;
        }
    }

    boolean named(Batch batch) {
        // lower-case texts and enums are no string states
        return "applicants".equals(batch.kind()) && batch.status() == Status.OPEN;
    }
}

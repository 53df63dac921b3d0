package org.susong.payments.application;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The one set-up of payments' tests that count store round trips with {@link StoreCommands} (issue 21): the processor
 * paused before each test (only the test moves orders), the counting stopped after it, before the processor is resumed
 * and the journal checked ({@link ReplicaSteps}).
 */
abstract class CountedSteps extends ReplicaSteps {

    @BeforeEach
    void paused() {
        pause();
    }

    @AfterEach
    void stopCounting() {
        StoreCommands.stop();
    }
}

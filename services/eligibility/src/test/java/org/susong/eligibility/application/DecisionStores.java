package org.susong.eligibility.application;

import jakarta.inject.Inject;
import org.susong.eligibility.persistence.DecisionRepository;
import org.susong.eligibility.persistence.LedgerRepository;

/**
 * The one set-up of eligibility's tests that decide and read back (issue 21): the decision service, the decisions it
 * stores and the cap ledgers it keeps.
 */
abstract class DecisionStores {

    @Inject
    DecisionService decisions;
    @Inject
    DecisionRepository repository;
    @Inject
    LedgerRepository ledgers;
}

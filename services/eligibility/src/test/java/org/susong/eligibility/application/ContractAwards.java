package org.susong.eligibility.application;

import jakarta.inject.Inject;
import org.susong.eligibility.persistence.AwardRepository;

/**
 * The one set-up of the tests of awards on technology contracts (issue 21): beside the decisions' ({@link
 * DecisionStores}), the award service and the awards it stores.
 */
abstract class ContractAwards extends DecisionStores {

    @Inject
    AwardService awardService;
    @Inject
    AwardRepository awards;
}

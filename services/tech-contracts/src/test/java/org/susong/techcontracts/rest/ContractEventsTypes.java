package org.susong.techcontracts.rest;

/** The tech-contracts event types, spelled out as the contract (not taken from the code under test). */
final class ContractEventsTypes {
    static final String SUBMITTED = "susong.tech-contracts.ContractSubmitted.v1";
    static final String REGISTERED = "susong.tech-contracts.ContractRegistered.v1";
    static final String REFUSED = "susong.tech-contracts.ContractRefused.v1";
    static final String AMENDED = "susong.tech-contracts.ContractAmended.v1";
    static final String CANCELLED = "susong.tech-contracts.ContractCancelled.v1";

    private ContractEventsTypes() {
    }
}

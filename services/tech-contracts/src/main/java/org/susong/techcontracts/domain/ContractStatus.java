package org.susong.techcontracts.domain;

/**
 * Where a contract stands. In this slice a contract is registered as soon as it is accepted; the
 * review workflow (submitted, under review, refused) and amendment or cancellation come later.
 */
public enum ContractStatus {
    REGISTERED
}

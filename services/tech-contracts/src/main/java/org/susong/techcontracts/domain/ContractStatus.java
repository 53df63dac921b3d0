package org.susong.techcontracts.domain;

/**
 * Where a contract stands. SUBMITTED waits for the registry's review; REGISTERED carries a
 * registration number; REFUSED ("not registered") carries coded reasons; CANCELLED is final. An
 * amendment under review is kept beside a REGISTERED contract, which stays registered meanwhile.
 */
public enum ContractStatus {
    SUBMITTED,
    REGISTERED,
    REFUSED,
    CANCELLED
}

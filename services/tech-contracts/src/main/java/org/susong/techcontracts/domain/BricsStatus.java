package org.susong.techcontracts.domain;

/** A country's standing in BRICS on a given date. */
public enum BricsStatus {
    MEMBER,
    PARTNER,
    NONE
}

package org.susong.applications.domain;

/** Kinds of beneficiary the measures name. */
public enum ApplicantType {
    ENTERPRISE,
    UNIVERSITY,
    RESEARCH_INSTITUTE,
    NEW_RD_INSTITUTION,
    STATE_OWNED_ENTERPRISE,
    TECHNOLOGY_TRANSFER_INSTITUTION,
    FUND_MANAGER
}

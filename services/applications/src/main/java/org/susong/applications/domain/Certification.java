package org.susong.applications.domain;

/** A certification the applicant claims, e.g. {@code HIGH_TECH_ENTERPRISE}, certificate GR202435100123 of 2024. */
public record Certification(String kind, String number, Integer year) {
}

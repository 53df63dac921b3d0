package org.susong.applications.domain;

/** Who the district office calls about the applicant. */
public record Contact(String person, String phone, String email) {
}

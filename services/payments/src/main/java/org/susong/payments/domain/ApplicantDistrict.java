package org.susong.payments.domain;

import java.time.Instant;
import org.susong.commons.ids.District;

/**
 * Where an applicant is registered now (applications' {@code ApplicantDistrictChanged.v1}, issue 20 item 6): the district
 * it moved to last, by which approved change, since when. Payments keeps the latest by {@code effectiveAt}.
 */
public record ApplicantDistrict(String uscc, District district, String changeId, Instant effectiveAt) {
}

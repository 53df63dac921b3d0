package org.susong.portal.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import org.susong.portal.client.ApplicantRecord;

/** The applicant's record page (templates/applicantRecord.html). */
@CheckedTemplate
public final class ApplicantTemplates {

    private ApplicantTemplates() {
    }

    /** The applicant's record as applications answers it; {@code record} null with {@code error} (a sentence). */
    public static native TemplateInstance applicantRecord(Chrome chrome, ApplicantRecord record, String error);
}

package org.susong.portal.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;
import org.susong.portal.client.ApplicantRecord;

/** The applicant's record page (templates/applicantRecord.html). */
@CheckedTemplate
public final class ApplicantTemplates {

    private ApplicantTemplates() {
    }

    /**
     * The applicant's record as applications answers it; {@code record} null with {@code error} (a sentence). The
     * bank-account change form's fields ({@code accountFields}, as typed or pre-filled, each with its error) and its
     * summary ({@code formError}: null when nothing was refused).
     */
    public static native TemplateInstance applicantRecord(Chrome chrome, ApplicantRecord record, String error,
                                                          List<AccountField> accountFields, String formError);

    /** One field of the bank-account change form. */
    public record AccountField(String id, String name, String label, String value, int maxLength, String inputMode,
                               String autocomplete, boolean required, String error) {
    }
}

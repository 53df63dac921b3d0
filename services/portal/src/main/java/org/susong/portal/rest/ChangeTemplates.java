package org.susong.portal.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import org.susong.portal.client.PendingChange;
import org.susong.portal.client.ServicePage;

/** The officer's applicant-changes page (templates/officerChanges.html). */
@CheckedTemplate
public final class ChangeTemplates {

    private ChangeTemplates() {
    }

    /** The two queues, each its first page or, with nothing, the sentence that kept it from being read. */
    public static native TemplateInstance officerChanges(Chrome chrome, String district, String user,
                                                         ServicePage<PendingChange> accounts,
                                                         String accountsError, ServicePage<PendingChange> registrations,
                                                         String registrationsError);
}

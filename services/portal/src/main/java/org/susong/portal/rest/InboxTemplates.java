package org.susong.portal.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/** The applicant's inbox (templates/inbox.html). */
@CheckedTemplate
public final class InboxTemplates {

    private InboxTemplates() {
    }

    /**
     * The entries (none with {@code error}), the unread count, and the e-mail form when {@code mailOn}: the address
     * kept ({@code email}, null for none), its language, and the form's problem ({@code addressProblem}).
     */
    public static native TemplateInstance inbox(Chrome chrome, List<InboxResource.Line> entries, long unread,
                                                boolean mailOn, String email, String mailLang, String notice,
                                                String error, String addressProblem);
}

package org.susong.portal.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;
import org.susong.portal.application.ApplicantRow;
import org.susong.portal.client.ApplicationRow;
import org.susong.portal.domain.District;
import org.susong.portal.domain.Role;

/** The pages (src/main/resources/templates), checked against these parameters when the portal is built. */
@CheckedTemplate
public final class Templates {

    private Templates() {
    }

    /** The development sign-in form; {@code problems} names the invalid fields of a refused attempt. */
    public static native TemplateInstance signIn(Chrome chrome, List<Role> roles, List<District> districts,
                                                 SignInForm form, List<String> problems);

    /** An applicant's applications with their decisions. */
    public static native TemplateInstance applicant(Chrome chrome, List<ApplicantRow> rows, String nextHref,
                                                    String error);

    /**
     * A district officer's applications with the state filter and the CSV link; {@code district} is its name in the
     * page's language.
     */
    public static native TemplateInstance officer(Chrome chrome, String district, List<ApplicationRow> rows,
                                                  List<String> states, String status, String nextHref, String csvHref,
                                                  String error);

    /** A page that only says something (not signed in, not this role's page), with one link onwards. */
    public static native TemplateInstance notice(Chrome chrome, String text, String linkHref, String linkText);
}

package org.susong.portal.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;
import org.susong.portal.application.ApplicantRow;
import org.susong.portal.client.ApplicationDetail;
import org.susong.portal.client.ApplicationRow;
import org.susong.portal.client.Contract;
import org.susong.portal.client.Decision;
import org.susong.portal.client.MeasureVersion;
import org.susong.portal.client.MeasureView;
import org.susong.portal.client.OverdueContract;
import org.susong.portal.client.Payment;
import org.susong.portal.client.ServicePage;
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

    /**
     * An application's page (the officer's and the applicant's): the application and its timeline, the decision with
     * its criteria and the placeholders of its rule version, the payment orders. A part that could not be read is
     * null (a list part: empty) with its error as a sentence; a null {@code decision} without error is "not decided yet".
     * {@code appeal}: the applicant's appeal form (or the deadline passed), null when none applies.
     */
    public static native TemplateInstance application(Chrome chrome, ApplicationDetail app, String listHref,
                                                      String queueHref, Decision decision, String decisionError,
                                                      MeasureVersion measure, String measureError,
                                                      ServicePage<Payment> payments, String paymentsError,
                                                      boolean reviewable, CasePages.AppealForm appeal,
                                                      boolean withdrawable, boolean resolvesHolds);

    /**
     * A district officer's work queue: four sections, each its first page or (an empty page and) its error as a
     * sentence.
     */
    public static native TemplateInstance queue(Chrome chrome, String district, ServicePage<Decision> reviews,
                                                String reviewsError, ServicePage<Contract> contracts,
                                                String contractsError, ServicePage<OverdueContract> overdue,
                                                String overdueError, ServicePage<Payment> holds, String holdsError);

    /** The measures open for application, each linked to its apply form; {@code error}: the catalogue's failure. */
    public static native TemplateInstance applyMeasures(Chrome chrome, List<MeasureView> measures, String error);

    /**
     * A measure's apply form generated from its facts schema: one field per property (its value and problem when the
     * form comes back), the submission number ({@code idempotencyKey}), whether it can be sent at all (no required
     * property of an unsupported kind), and the form's sentence ({@code error}: what was refused, or null).
     */
    public static native TemplateInstance applyForm(Chrome chrome, MeasureView measure, String title,
                                                    List<ApplyField> fields, String idempotencyKey, boolean sendable,
                                                    String error);

    /** A page that only says something (not signed in, not this role's page), with one link onwards. */
    public static native TemplateInstance notice(Chrome chrome, String text, String linkHref, String linkText);

    /** The confirmation of an objection upheld (the order's money back to its budget line), before it is sent. */
    public static native TemplateInstance confirmUphold(Chrome chrome, String applicationId, String orderId,
                                                        String holdId);
}

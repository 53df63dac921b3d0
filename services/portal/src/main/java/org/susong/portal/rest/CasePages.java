package org.susong.portal.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.susong.portal.application.ApplicationCase;
import org.susong.portal.application.CaseQueries;
import org.susong.portal.application.Part;
import org.susong.portal.client.ApplicationDetail;
import org.susong.portal.client.Decision;
import org.susong.portal.client.ServiceError;
import org.susong.portal.client.ServicePage;
import org.susong.portal.domain.Role;

/**
 * An application's page as the officer's and the applicant's resources answer it (one template, the person's role and
 * claim deciding what the services show): 404 with a sentence when applications does not show it to the person.
 */
@ApplicationScoped
public class CasePages {

    /** What an application id may look like (applications' ids are {@code APP-} and eight characters). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private static final ZoneId XIAMEN = ZoneId.of("Asia/Shanghai");

    private final Pages pages;
    private final CaseQueries queries;

    CasePages(Pages pages, CaseQueries queries) {
        this.pages = pages;
        this.queries = queries;
    }

    /** The page of application {@code id} for a visit whose role was checked; {@code queueHref} null for an applicant. */
    Response application(Pages.Visit visit, String id, String listHref, String queueHref) {
        return application(visit, id, listHref, queueHref, 200, null, null);
    }

    /**
     * The page with the appeal form as typed ({@code grounds}) and refused ({@code problem}: its sentence) when
     * {@code status} is 400; else as {@link #application(Pages.Visit, String, String, String)}.
     */
    Response application(Pages.Visit visit, String id, String listHref, String queueHref, int status, String grounds,
                         String problem) {
        Msg msg = visit.msg();
        if (!isId(id)) {
            return notFound(visit, id, listHref); // never sent to a service
        }
        Optional<ApplicationCase> found;
        try {
            found = queries.application(visit.person(), id);
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), Templates.notice(visit.chrome(), Pages.text(msg, e), listHref,
                    msg.backToList()));
        }
        if (found.isEmpty()) {
            return notFound(visit, id, listHref);
        }
        ApplicationCase c = found.get();
        AppealForm appeal = visit.person().role() == Role.APPLICANT
                ? AppealForm.of(c.application(), c.decision().value(), LocalDate.now(XIAMEN), grounds, problem) : null;
        return pages.respond(visit, appeal != null && appeal.open() ? status : 200, Templates.application(visit.chrome(), c.application(), listHref, queueHref,
                c.decision().value(), error(msg, c.decision()), c.measure().value(), error(msg, c.measure()),
                page(c.payments()), error(msg, c.payments()), visit.person().role() == Role.OFFICER
                        && c.decision().value() != null && c.decision().value().awaitsReview(), appeal,
                withdrawable(c.application()), visit.person().role() == Role.OFFICER));
    }

    /** Applications' states in which {@code withdrawApplication} is refused whatever else holds ({@code ApplicationStatus.settled}). */
    static final Set<String> SETTLED = Set.of("PAID", "CONVERTED", "WITHDRAWN", "CLOSED");

    /**
     * Whether the page offers the withdrawal: not settled and no withdrawal waiting already. The service decides the
     * rest (a withdrawal payments refused before is its 409).
     */
    static boolean withdrawable(ApplicationDetail app) {
        return !SETTLED.contains(app.status()) && !app.withdrawalPending()
                && app.timeline().stream().noneMatch(e -> "WITHDRAWAL_REFUSED".equals(e.kind())); // payments answers once
    }

    /**
     * The withdrawal of application {@code id} as the signed-in applicant or officer (role checked by the caller), then
     * 303 to its page; a blank or over-long reason is 400 with nothing sent; the service's refusal is its sentence.
     */
    Response withdraw(Pages.Visit visit, String id, String reason, String listHref, ActionMsg act) {
        if (!isId(id)) {
            return notFound(visit, id, listHref);
        }
        String given = Pages.reason(reason, MAX_REASON);
        if (given == null) {
            return pages.respond(visit, 400, Templates.notice(visit.chrome(), act.withdrawReasonRequired(),
                    listHref + "/" + id, act.backToApplication()));
        }
        try {
            queries.withdraw(visit.person(), id, given);
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), Templates.notice(visit.chrome(), Pages.text(visit.msg(), e),
                    listHref + "/" + id, act.backToApplication()));
        }
        return Response.seeOther(java.net.URI.create(listHref + "/" + id)).build();
    }

    /** The longest reason applications takes ({@code WithdrawalRequest}: {@code @NotBlank @Size(max = 500)}). */
    static final int MAX_REASON = 500;

    /**
     * The applicant's appeal on its application's page: shown when applications' {@code appealApplication} allows one
     * (the application REJECTED, or APPROVED and not yet paid: WAITLISTED, IN_PUBLIC_NOTICE, PAYMENT_SCHEDULED) and the
     * decision names its {@code appealDeadline}; {@code open} until that day inclusive (Xiamen's date: the service
     * decides with its business date and answers 422 after it), else the page says the deadline passed.
     */
    public record AppealForm(String deadline, boolean open, String grounds, String problem) {

        static final Set<String> APPEALABLE = Set.of("REJECTED", "WAITLISTED", "IN_PUBLIC_NOTICE", "PAYMENT_SCHEDULED");

        static AppealForm of(ApplicationDetail app, Decision decision, LocalDate today, String grounds, String problem) {
            if (!APPEALABLE.contains(app.status()) || decision == null || decision.appealDeadline() == null) {
                return null;
            }
            LocalDate deadline;
            try {
                deadline = LocalDate.parse(decision.appealDeadline());
            } catch (DateTimeParseException e) {
                return null;
            }
            return new AppealForm(decision.appealDeadline(), !today.isAfter(deadline), grounds == null ? "" : grounds,
                    problem);
        }
    }

    /** Whether {@code id} may be an application's id (anything else is not sent to a service). */
    static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    Response notFound(Pages.Visit visit, String id, String listHref) {
        return pages.respond(visit, 404, Templates.notice(visit.chrome(), visit.msg().notFound(id), listHref,
                visit.msg().backToList()));
    }

    /** A part's page, or an empty one when it could not be read (its error says why). */
    static <T> ServicePage<T> page(Part<ServicePage<T>> part) {
        return part.value() == null ? ServicePage.empty() : part.value();
    }

    /** A part's error as a sentence in the page's language; null when it was read. */
    static String error(Msg msg, Part<?> part) {
        return part.error() == null ? null : Pages.text(msg, part.error());
    }
}

package org.susong.portal.rest;

import io.quarkus.qute.i18n.Localized;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.susong.portal.application.ApplicantQueries;
import org.susong.portal.client.AccountChangeRequest;
import org.susong.portal.client.ApplicantRecord;
import org.susong.portal.client.ServiceError;
import org.susong.portal.domain.AccountForm;
import org.susong.portal.domain.Role;
import org.susong.portal.rest.ApplicantTemplates.AccountField;

/**
 * The applicant's own record (applications' {@code GET /applicants/{its USCC}} as the applicant) and its request for a
 * new bank account (issue 18: the maker; an officer of its district approves it, then the cooling-off). The request is
 * applications' {@code requestBankAccountChange} as the applicant, for the sign-in's USCC only; a malformed field is
 * 400 with the form marked and nothing sent; the service's 422 on a field (the name is not the registered one) is
 * shown on that field.
 */
@Path("/applicant/record")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class RecordResource {

    private static final String RECORD = "/applicant/record";

    private final Pages pages;
    private final ApplicantQueries queries;
    private final ApplicantMsg zh;
    private final ApplicantMsg en;

    RecordResource(Pages pages, ApplicantQueries queries, ApplicantMsg zh, @Localized("en") ApplicantMsg en) {
        this.pages = pages;
        this.queries = queries;
        this.zh = zh;
        this.en = en;
    }

    @GET
    public Response record(@Context UriInfo uri, @Context HttpHeaders headers) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.APPLICANT);
        if (refused != null) {
            return refused;
        }
        return page(visit, 200, null, Map.of(), null);
    }

    /**
     * The new account, sent once the fields are well formed, then 303 to the record (the change pending, awaiting an
     * officer). A double submit sends the same account twice: the second replaces the first, which nobody approved yet
     * (both kept in the service's history), so it pays nobody anything.
     */
    @POST
    @Path("bank-account")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response requestAccountChange(@Context UriInfo uri, @Context HttpHeaders headers,
                                         @FormParam(AccountForm.NAME) String accountName,
                                         @FormParam(AccountForm.NUMBER) String accountNumber,
                                         @FormParam(AccountForm.CODE) String bankCode,
                                         @FormParam(AccountForm.BANK) String bankName) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.APPLICANT);
        if (refused != null) {
            return refused;
        }
        ApplicantMsg rec = msg(visit);
        AccountForm form = new AccountForm(accountName, accountNumber, bankCode, bankName);
        Map<String, String> problems = form.problems();
        if (!problems.isEmpty()) {
            return page(visit, 400, form, problems, rec.accountFormError());
        }
        AccountForm sent = form.trimmed();
        try {
            queries.requestAccountChange(visit.person(), new AccountChangeRequest(sent.accountName(), sent.accountNumber(),
                    sent.bankCode(), sent.bankName()));
        } catch (ServiceError e) {
            String field = e.field() == null ? null : e.field().replaceFirst("^bankAccount\\.", "");
            if (e.refused() && field != null && List.of(AccountForm.NAME, AccountForm.NUMBER, AccountForm.CODE,
                    AccountForm.BANK).contains(field)) {
                return page(visit, Pages.status(e), form, Map.of(field, "service:" + e.detail()), rec.accountFormError());
            }
            return pages.respond(visit, Pages.status(e), Templates.notice(visit.chrome(), Pages.text(visit.msg(), e),
                    RECORD, rec.backToRecord()));
        }
        return Response.seeOther(URI.create(RECORD)).build();
    }

    /**
     * The applicant cancels a change of its account not yet effective (applications' rejection, as the applicant),
     * then 303 to the record; a blank or over-long reason, or an id that is no change id, sends nothing.
     */
    @POST
    @Path("bank-account/{changeId}/cancellation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancelAccountChange(@Context UriInfo uri, @Context HttpHeaders headers,
                                        @jakarta.ws.rs.PathParam("changeId") String changeId,
                                        @FormParam("reason") String reason) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.APPLICANT);
        if (refused != null) {
            return refused;
        }
        ApplicantMsg rec = msg(visit);
        if (changeId == null || !changeId.matches("[A-Za-z0-9-]{1,64}")) {
            return pages.respond(visit, 404, Templates.notice(visit.chrome(), visit.msg().notFound(String.valueOf(changeId)),
                    RECORD, rec.backToRecord()));
        }
        String given = Pages.reason(reason, 500);
        if (given == null) {
            return pages.respond(visit, 400, Templates.notice(visit.chrome(), rec.cancelReasonRequired(), RECORD,
                    rec.backToRecord()));
        }
        try {
            queries.cancelAccountChange(visit.person(), changeId, given);
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), Templates.notice(visit.chrome(), Pages.text(visit.msg(), e),
                    RECORD, rec.backToRecord()));
        }
        return Response.seeOther(URI.create(RECORD)).build();
    }

    private Response page(Pages.Visit visit, int status, AccountForm form, Map<String, String> problems,
                          String formError) {
        ApplicantRecord record;
        try {
            record = queries.record(visit.person());
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), ApplicantTemplates.applicantRecord(visit.chrome(), null,
                    Pages.text(visit.msg(), e), List.of(), null));
        }
        AccountForm shown = form != null ? form : new AccountForm(record.name(), null, null, null);
        return pages.respond(visit, status, ApplicantTemplates.applicantRecord(visit.chrome(), record, null,
                fields(msg(visit), shown, problems), formError));
    }

    private static List<AccountField> fields(ApplicantMsg rec, AccountForm form, Map<String, String> problems) {
        return List.of(
                field(rec, AccountForm.NAME, rec.accountNameLabel(), form.accountName(), 200, null, "organization", true, problems),
                field(rec, AccountForm.NUMBER, rec.accountNumberLabel(), form.accountNumber(), 40, "numeric", "off", true, problems),
                field(rec, AccountForm.CODE, rec.bankCodeLabel(), form.bankCode(), 12, "numeric", "off", true, problems),
                field(rec, AccountForm.BANK, rec.bankNameLabel(), form.bankName(), 200, null, null, false, problems));
    }

    private static AccountField field(ApplicantMsg rec, String name, String label, String value, int maxLength,
                                      String inputMode, String autocomplete, boolean required,
                                      Map<String, String> problems) {
        String problem = problems.get(name);
        String error = problem == null ? null : problem.startsWith("service:") ? problem.substring("service:".length())
                : rec.accountProblem(name, problem);
        return new AccountField("account-" + name, name, label, value, maxLength, inputMode, autocomplete, required, error);
    }

    private ApplicantMsg msg(Pages.Visit visit) {
        return "en".equals(visit.lang()) ? en : zh;
    }
}

package org.susong.portal.rest;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * Applications as {@link DownstreamFake} answers the applicant's record and appeal, from {@code src/test/resources/fake/}
 * (field names copied from the real service's records, {@code org.susong.applications.rest}):
 * <ul>
 *   <li>{@code applicant/applicant-<uscc>.json}: {@code ApplicantResource.ApplicantView} ({@code GET /applicants/{uscc}})
 *       with {@code ContactView}, {@code CertificationView}, {@code AccountView} (the number masked as
 *       {@code FieldCipher.mask} writes it), {@code AccountChangeView}, {@code RegistrationChangeView} and
 *       {@code RegisteredValueView}s: 91350200MA31G8Q17K with a change awaiting its checker, 91350206MA2Y7K3L5P with
 *       one approved and in its cooling-off, the account to re-confirm and a district change pending. Another USCC
 *       is 404 as {@code ProblemException.notFound("applicant", uscc)} words it;</li>
 *   <li>{@code GET /applicants/pending-changes?kind=} ({@code listPendingApplicantChanges}, {@code PendingChangeView}s):
 *       {@code applicant/pending-<kind>.json} (an account change awaiting its checker, one in its cooling-off, a
 *       district change); the user {@code chg-down} gets a 500 for the account queue;</li>
 *   <li>the checker's {@code .../bank-account-changes|registration-changes/{changeId}/approval|rejection}: 200 with the
 *       record; {@code chg-maker} the 403 an account change's maker gets, {@code chg-gone} the 409 of a change no
 *       longer pending;</li>
 *   <li>{@code POST /applicants/{uscc}/bank-account-changes} ({@code requestBankAccountChange}, body
 *       {@code BankAccountRequest}, recorded): 202 with the record; the user {@code acct-name} gets the 422
 *       {@code BankAccount.validate} answers for another name (field {@code bankAccount.accountName}),
 *       {@code acct-cooling} the 409 of an approved change in its cooling-off;</li>
 *   <li>{@code POST /applications/{id}/appeal} ({@code appealApplication}, body {@code AppealRequest}, recorded by the
 *       fake): 202 with the application's {@code ApplicationView} fixture; the user {@code appeal-late} gets the 422
 *       {@code LifecycleService.appeal} answers after the deadline (field {@code appealDeadline}), {@code appeal-twice}
 *       the 409 with {@code currentStatus} of an application no longer appealable.</li>
 * </ul>
 * The application pages' {@code application-APP-REJ0000<n>.json} and {@code decision-APP-REJ0000<n>.json} (REJECTED,
 * appeal deadline 2099-12-31 and 2026-01-10) are answered by {@link DownstreamFake} itself.
 */
final class ApplicantFake {

    private ApplicantFake() {
    }

    /** Answers an applicant's record or appeal request; false for any other (the caller answers it). */
    static boolean answer(HttpExchange exchange, String path, String user) throws IOException {
        String method = exchange.getRequestMethod();
        if ("GET".equals(method) && path.equals("/applicants/pending-changes")) {
            String query = exchange.getRequestURI().getQuery();
            String kind = query != null && query.contains("kind=REGISTRATION") ? "REGISTRATION" : "BANK_ACCOUNT";
            if ("chg-down".equals(user) && "BANK_ACCOUNT".equals(kind)) {
                DownstreamFake.send(exchange, 500, "application/problem+json", DownstreamFake.problem(500,
                        "Internal Server Error", "boom", null));
            } else {
                DownstreamFake.send(exchange, 200, "application/json",
                        DownstreamFake.fixture("applicant/pending-" + kind + ".json"));
            }
            return true;
        }
        if ("POST".equals(method) && path.startsWith("/applicants/") && (path.endsWith("/approval")
                || path.endsWith("/rejection"))) {
            String uscc = path.split("/")[2];
            if ("chg-maker".equals(user) && path.contains("/bank-account-changes/")) {
                DownstreamFake.send(exchange, 403, "application/problem+json", DownstreamFake.problem(403, "Forbidden",
                        "the maker of a bank-account change cannot approve it", null));
            } else if ("chg-gone".equals(user)) {
                DownstreamFake.send(exchange, 409, "application/problem+json", DownstreamFake.problem(409, "Conflict",
                        "no pending registration change RC-5T9W2E7R", null));
            } else {
                DownstreamFake.send(exchange, 200, "application/json",
                        DownstreamFake.fixture("applicant/applicant-" + uscc + ".json"));
            }
            return true;
        }
        if ("GET".equals(method) && path.startsWith("/applicants/")) {
            String uscc = path.substring("/applicants/".length());
            String body = DownstreamFake.fixture("applicant/applicant-" + uscc + ".json");
            if (body == null) {
                DownstreamFake.send(exchange, 404, "application/problem+json", DownstreamFake.problem(404, "Not found",
                        "applicant '" + uscc + "' does not exist", null));
            } else {
                DownstreamFake.send(exchange, 200, "application/json", body);
            }
            return true;
        }
        if ("POST".equals(method) && path.startsWith("/applicants/") && path.endsWith("/bank-account-changes")) {
            String uscc = path.split("/")[2];
            if ("acct-name".equals(user)) {
                DownstreamFake.send(exchange, 422, "application/problem+json", "{\"type\":\"https://susong.xm.gov.cn/"
                        + "problems/422\",\"title\":\"Unprocessable\",\"status\":422,\"detail\":\"the account name "
                        + "must be the registered name '厦门示例科技有限公司'\",\"instance\":\"" + path + "\","
                        + "\"field\":\"bankAccount.accountName\"}");
            } else if ("acct-cooling".equals(user)) {
                DownstreamFake.send(exchange, 409, "application/problem+json", "{\"type\":\"https://susong.xm.gov.cn/"
                        + "problems/409\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"bank-account change "
                        + "BAC-1 is approved and takes effect at 2026-12-08T02:00:00Z; reject it before requesting "
                        + "another\",\"instance\":\"" + path + "\"}");
            } else {
                DownstreamFake.send(exchange, 202, "application/json",
                        DownstreamFake.fixture("applicant/applicant-" + uscc + ".json"));
            }
            return true;
        }
        if ("POST".equals(method) && path.startsWith("/applications/") && path.endsWith("/appeal")) {
            String id = path.split("/")[2];
            if ("appeal-late".equals(user)) {
                DownstreamFake.send(exchange, 422, "application/problem+json", "{\"type\":\"https://susong.xm.gov.cn/"
                        + "problems/422\",\"title\":\"Unprocessable\",\"status\":422,\"detail\":\"the appeal deadline of "
                        + "D-" + id + " was 2099-12-31; today is 2100-01-02 (60 days from the notice, Administrative "
                        + "Reconsideration Law)\",\"instance\":\"" + path + "\",\"field\":\"appealDeadline\","
                        + "\"appealDeadline\":\"2099-12-31\"}");
            } else if ("appeal-twice".equals(user)) {
                DownstreamFake.send(exchange, 409, "application/problem+json", "{\"type\":\"https://susong.xm.gov.cn/"
                        + "problems/409\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"only a decided application (REJECTED, or APPROVED "
                        + "and not yet paid) can be appealed; this one is APPEALED\",\"instance\":\"" + path + "\",\"currentStatus\":\"APPEALED\"}");
            } else {
                String body = DownstreamFake.fixture("application-" + id + ".json");
                DownstreamFake.send(exchange, 202, "application/json", body.replace("\"status\": \"REJECTED\",",
                        "\"status\": \"APPEALED\","));
            }
            return true;
        }
        return false;
    }
}

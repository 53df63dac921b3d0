package org.susong.portal.rest;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * Eligibility's calls of competitive measures (C1) as {@link DownstreamFake} answers them, from the fixtures in
 * {@code src/test/resources/fake/calls/}, each copying the field names of one record of the real service
 * ({@code org.susong.eligibility.application.CallService}, {@code rest.CallResource}):
 * <ul>
 *   <li>{@code calls-page-1.json}, {@code calls-page-2.json}: {@code Page<CallView>} ({@code GET /calls}, newest first;
 *       the second page for {@code cursor=c2}), each {@code CallView} with its {@code Measure.CriterionSpec}s and
 *       {@code Call.ScoringCriterion}s;</li>
 *   <li>{@code call-<callId>.json}: {@code CallView} ({@code GET /calls/{callId}});</li>
 *   <li>{@code entries-<callId>.json}: {@code Page<EntryView>} ({@code GET /calls/{callId}/applications});</li>
 *   <li>{@code ranking-<callId>.json}: {@code RankResult} with its {@code RankedView}s and {@code RoundView}s
 *       ({@code WithdrawnView}, {@code AwardView}) ({@code GET /calls/{callId}/ranking}); a call without one answers
 *       409 naming {@code phase}, as {@code CallService.ranking} does for a call not ranked;</li>
 *   <li>{@code sheet-<callId>-<applicationId>.json}: {@code Sheet} with its {@code OfficerScore}s and {@code Conflict}s
 *       ({@code GET /calls/{callId}/applications/{applicationId}/scores}).</li>
 * </ul>
 * An unknown call or sheet is 404 as {@code ProblemException.notFound} words it. The user {@code calls-entries-down}
 * gets a 500 from the applications of a call, {@code calls-down} a 500 from every calls path.
 */
final class CallsFake {

    private CallsFake() {
    }

    /** Answers a request to {@code /calls...}; false for any other path (the caller answers it). */
    static boolean answer(HttpExchange exchange, String path, String query, String user) throws IOException {
        if (!path.equals("/calls") && !path.startsWith("/calls/")) {
            return false;
        }
        if ("calls-down".equals(user)
                || "calls-entries-down".equals(user) && path.matches("/calls/[^/]+/applications")) {
            send(exchange, 500, DownstreamFake.problem(500, "Internal error", "boom", null));
            return true;
        }
        String[] parts = path.split("/"); // "", calls, callId, applications, applicationId, scores
        String name;
        if (parts.length == 2) {
            name = query != null && query.contains("cursor=c2") ? "calls-page-2.json" : "calls-page-1.json";
        } else if (parts.length == 3) {
            name = "call-" + parts[2] + ".json";
        } else if (parts.length == 4 && "applications".equals(parts[3])) {
            name = "entries-" + parts[2] + ".json";
        } else if (parts.length == 4 && "ranking".equals(parts[3])) {
            name = "ranking-" + parts[2] + ".json";
            if (DownstreamFake.fixture("calls/call-" + parts[2] + ".json") != null
                    && DownstreamFake.fixture("calls/" + name) == null) {
                send(exchange, 409, DownstreamFake.problem(409, "Conflict", "call " + parts[2]
                        + " is not ranked: it is in its SCORING phase", "phase"));
                return true;
            }
        } else if (parts.length == 6 && "applications".equals(parts[3]) && "scores".equals(parts[5])) {
            name = "sheet-" + parts[2] + "-" + parts[4] + ".json";
        } else {
            name = null;
        }
        String body = name == null ? null : DownstreamFake.fixture("calls/" + name);
        if (body == null) {
            send(exchange, 404, DownstreamFake.problem(404, "Not found", "call '" + parts[parts.length > 2 ? 2 : 1]
                    + "' does not exist", null));
        } else {
            DownstreamFake.send(exchange, 200, "application/json", body);
        }
        return true;
    }

    private static void send(HttpExchange exchange, int status, String problem) throws IOException {
        DownstreamFake.send(exchange, status, "application/problem+json", problem);
    }
}

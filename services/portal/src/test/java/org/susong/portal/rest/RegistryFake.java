package org.susong.portal.rest;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * Tech-contracts as {@link DownstreamFake} answers the registrar (requests with {@code X-Roles: registrar}), from the
 * fixtures in {@code src/test/resources/fake/registrar/}, each copying the field names of one record of the real
 * service ({@code org.susong.techcontracts.rest}):
 * <ul>
 *   <li>{@code queue-page-1.json}, {@code queue-page-2.json}: {@code Page<ContractView>} (commons {@code Page};
 *       {@code GET /contracts?status=SUBMITTED}, the second page for {@code cursor=q2}), each {@code ContractView}
 *       with its {@code PartyView}s, {@code ContractCommand.InstalmentInput}s and {@code AttachmentInput}s;</li>
 *   <li>{@code contract-<id>.json}: {@code ContractView} ({@code GET /contracts/{id}}), TC-REG00004 with an
 *       {@code AmendmentView} and its {@code ReasonView};</li>
 *   <li>{@code registered-<id>.json}: the {@code ContractView} {@code POST /contracts/{id}/registration} answers (its
 *       16-digit {@code registrationNumber}); {@code refused-<id>.json}: the one {@code POST /contracts/{id}/refusal}
 *       answers (REFUSED, its {@code ReasonView}s);</li>
 *   <li>{@code statistics-2023.json}: {@code StatisticsResource.YearView} with its {@code FiguresView}s and
 *       {@code GrowthView} ({@code GET /statistics/contracts/2023}); 2024 answers no contract with 2023's total as its
 *       {@code previousYear} and any other year nothing at all, as {@code StatisticsService} computes them;
 *       {@code statistics-2023.csv}: {@code GET /statistics/contracts/2023/csv}.</li>
 * </ul>
 * An unknown contract is 404 as {@code ProblemException.notFound} words it. The user {@code registrar-twice} gets the
 * 409 {@code ReviewService} answers a registration or refusal of a contract no longer SUBMITTED (with
 * {@code currentStatus}); {@code registrar-down} a 500 from every path.
 */
final class RegistryFake {

    private RegistryFake() {
    }

    /** Answers the registrar's request to tech-contracts; false for any other (the caller answers it). */
    static boolean answer(HttpExchange exchange, String path, String query, String user) throws IOException {
        boolean registrar = "registrar".equals(exchange.getRequestHeaders().getFirst("X-Roles"));
        if (!registrar || !(path.equals("/contracts") || path.startsWith("/contracts/")
                || path.startsWith("/statistics/contracts/"))) {
            return false;
        }
        if ("registrar-down".equals(user)) {
            send(exchange, 500, DownstreamFake.problem(500, "Internal error", "boom", null));
            return true;
        }
        String method = exchange.getRequestMethod();
        String[] parts = path.split("/"); // "", contracts, id[, registration|refusal]  or "", statistics, contracts, year[, csv]
        if (path.startsWith("/statistics/")) {
            statistics(exchange, parts);
            return true;
        }
        String name;
        if (parts.length == 2) {
            name = query != null && query.contains("cursor=q2") ? "queue-page-2.json" : "queue-page-1.json";
        } else if (parts.length == 3 && "GET".equals(method)) {
            name = "contract-" + parts[2] + ".json";
        } else if (parts.length == 4 && "POST".equals(method)
                && ("registration".equals(parts[3]) || "refusal".equals(parts[3]))) {
            if ("registrar-twice".equals(user)) {
                send(exchange, 409, "{\"type\":\"https://susong.xm.gov.cn/problems/409\",\"title\":\"Conflict\","
                        + "\"status\":409,\"detail\":\"contract " + parts[2] + " is REGISTERED and cannot be registered"
                        + " (only a SUBMITTED one can)\",\"instance\":\"" + path + "\",\"currentStatus\":\"REGISTERED\"}");
                return true;
            }
            name = ("registration".equals(parts[3]) ? "registered-" : "refused-") + parts[2] + ".json";
        } else {
            name = null;
        }
        String body = name == null ? null : DownstreamFake.fixture("registrar/" + name);
        if (body == null) {
            send(exchange, 404, DownstreamFake.problem(404, "Not found", "contract '" + (parts.length > 2 ? parts[2] : "")
                    + "' does not exist", null));
        } else {
            DownstreamFake.send(exchange, 200, "application/json", body);
        }
        return true;
    }

    private static void statistics(HttpExchange exchange, String[] parts) throws IOException {
        String year = parts.length > 3 ? parts[3] : "";
        if (parts.length == 5 && "csv".equals(parts[4])) {
            String csv = DownstreamFake.fixture("registrar/statistics-" + year + ".csv");
            DownstreamFake.send(exchange, 200, "text/csv", csv != null ? csv
                    : "year,dimension,key,count,contractAmountFen,technicalTransactionAmountFen\n");
            return;
        }
        String fixture = DownstreamFake.fixture("registrar/statistics-" + year + ".json");
        if (fixture == null) {
            // StatisticsService's answer for a year without registrations: zeros, no growth, empty breakdowns
            String previous = "2024".equals(year)
                    ? "{\"key\":null,\"count\":8025,\"contractAmountFen\":1735812345678,\"technicalTransactionAmountFen\":1402233445566}"
                    : ZERO;
            fixture = "{\"year\":" + Integer.parseInt(year) + ",\"total\":" + ZERO + ",\"previousYear\":" + previous
                    + ",\"growth\":{\"countPercent\":null,\"contractAmountPercent\":null,"
                    + "\"technicalTransactionAmountPercent\":null},\"by\":{\"month\":[],\"type\":[],\"district\":[],"
                    + "\"foreign\":[],\"brics\":[]}}";
        }
        DownstreamFake.send(exchange, 200, "application/json", fixture);
    }

    private static final String ZERO =
            "{\"key\":null,\"count\":0,\"contractAmountFen\":0,\"technicalTransactionAmountFen\":0}";

    private static void send(HttpExchange exchange, int status, String problem) throws IOException {
        DownstreamFake.send(exchange, status, "application/problem+json", problem);
    }
}

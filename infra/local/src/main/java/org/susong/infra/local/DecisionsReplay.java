package org.susong.infra.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;

/**
 * {@code ./platform replay-decisions} (issue 16 item 9): reads eligibility's {@code GET /admin/decisions/replay} with
 * the audit's credentials ({@link Audit#bearer}: {@code SUSONG_TOKEN}, the ops client, or the header stub's auditor),
 * prints the counts and every difference, and exits 0 when no decision differs, 1 when one does, 2 when eligibility
 * could not be read. See docs/audit.md.
 */
public final class DecisionsReplay {

    static final String PATH = "/admin/decisions/replay";
    /** Every decision is decided again in one request: allow it time on a large store. */
    static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** The report as read: the HTTP status, the body, the report when 200. */
    public record Result(int status, String body, JsonNode report) {

        public long differing() {
            return report == null ? -1 : report.path("differing").asLong();
        }

        public int exitCode() {
            return report == null ? 2 : differing() == 0 ? 0 : 1;
        }

        public void print(PrintStream out) {
            if (report == null) {
                out.println("UNREACHABLE eligibility answered HTTP " + status + ": " + body);
                return;
            }
            out.printf("Susong decisions replay at %s: %d decisions, %d replayed, %d skipped, %d differing%n",
                    report.path("replayedAt").asText(), report.path("decisions").asLong(), report.path("replayed").asLong(),
                    report.path("skipped").asLong(), differing());
            for (JsonNode d : report.path("differences")) {
                out.printf("DIFFERS %s %s: stored %s, replayed %s%n", d.path("decisionId").asText(), d.path("field").asText(),
                        d.path("stored").asText(), d.path("recomputed").asText());
            }
            for (JsonNode s : report.path("skips")) {
                out.printf("skipped %s: %s%n", s.path("decisionId").asText(), s.path("reason").asText());
            }
            if (report.path("truncated").asBoolean()) {
                out.println("(more differences or skips than listed: see the counts)");
            }
            out.println(differing() == 0 ? "PASS: every replayed decision states what its rule gives"
                    : "FAIL: " + differing() + " decision(s) differ from their replay");
        }
    }

    private DecisionsReplay() {
    }

    /** Replays every decision of the eligibility service at {@code eligibilityUrl}. */
    public static Result run(String eligibilityUrl) throws IOException, InterruptedException {
        Audit.Reading r = Audit.get(eligibilityUrl, PATH, Audit.AUDITOR_ROLE, TIMEOUT);
        return new Result(r.status(), r.body(), r.report());
    }

    public static void main(String[] args) {
        Audit.bearer = Audit.bearer(System.getenv());
        String url = Audit.Target.local().services().get("eligibility");
        for (String arg : args) {
            String[] kv = arg.startsWith("--") ? arg.substring(2).split("=", 2) : new String[0];
            if (kv.length == 2 && kv[0].equals("eligibility")) {
                url = kv[1];
            } else if (kv.length == 2 && kv[0].equals("token")) {
                Audit.bearer = kv[1].trim();
            } else {
                System.err.println("usage: ./platform replay-decisions [--eligibility=http://host:port] [--token=<bearer token>]");
                System.exit(2);
            }
        }
        try {
            Result result = run(url);
            result.print(System.out);
            System.exit(result.exitCode());
        } catch (IOException e) {
            System.out.println("UNREACHABLE eligibility at " + url + ": " + e);
            System.exit(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(2);
        }
    }
}

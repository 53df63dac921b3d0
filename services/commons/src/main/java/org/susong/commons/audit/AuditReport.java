package org.susong.commons.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one service's {@code GET /admin/audit} answers (issue 12): the invariants it checked over its
 * own data, each with how many things it looked at and every breach found, and what is waiting or
 * still in progress with its age. {@code ./platform audit} ({@code infra/local} {@code Audit}) reads
 * the five reports, joins them per application and fails on any breach. Read-only, roles
 * {@link #AUDITOR} and {@code admin}.
 *
 * @param resumeDelaySeconds the delay after which this service's resumers take over an intent (0 = none);
 *                           the auditor calls a non-terminal application stalled after twice the largest
 * @param waiting            things visibly waiting for a person or an outside party (notice window, approval,
 *                           budget, review, objection, payee account, bank statement)
 * @param inProgress         things on their way that no one needs to act on (applications only): the
 *                           auditor calls them stalled when no service reports them waiting and they are old
 * @param finished           things in a final state the auditor matches with other services' open items
 *                           (payments: final orders, whose reference is their decision)
 */
public record AuditReport(String service, Instant checkedAt, long resumeDelaySeconds, List<Check> checks,
                          List<Item> waiting, List<Item> inProgress, List<Item> finished) {

    /** The role that may read the audit endpoints (besides {@code admin}). */
    public static final String AUDITOR = "auditor";

    public AuditReport {
        checks = List.copyOf(checks);
        waiting = List.copyOf(waiting);
        inProgress = List.copyOf(inProgress);
        finished = List.copyOf(finished);
    }

    /** An invariant, what it compares, how many things it checked and what broke it. */
    public record Check(String name, String description, long checked, List<Breach> breaches) {
        public Check {
            breaches = List.copyOf(breaches);
        }
    }

    /** One thing that breaks an invariant: its id and what was found. */
    public record Breach(String id, String detail) {
    }

    /**
     * Something not finished: its id, the application it is about (null if none), its state, how long it
     * has been in that state, and a reference (e.g. the decision an application's current round waits on).
     */
    public record Item(String id, String applicationId, String state, long ageSeconds, String reference) {
    }

    /** Seconds from {@code since} to {@code now}, 0 when unknown or in the future. */
    public static long age(Instant since, Instant now) {
        return since == null ? 0 : Math.max(0, Duration.between(since, now).getSeconds());
    }

    /** Collects one check: count what is looked at, note what breaks it. */
    public static final class Checker {
        private final String name;
        private final String description;
        private final List<Breach> breaches = new ArrayList<>();
        private long checked;

        public Checker(String name, String description) {
            this.name = name;
            this.description = description;
        }

        /** One more thing checked. */
        public Checker checked() {
            checked++;
            return this;
        }

        public Checker breach(String id, String detail) {
            breaches.add(new Breach(id, detail));
            return this;
        }

        /** Checks one thing: a breach with {@code detail} unless {@code holds}. */
        public Checker expect(boolean holds, String id, String detail) {
            checked++;
            if (!holds) {
                breaches.add(new Breach(id, detail));
            }
            return this;
        }

        public Check done() {
            return new Check(name, description, checked, breaches);
        }
    }
}

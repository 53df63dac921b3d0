package org.susong.techcontracts.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.susong.commons.audit.AuditReport;
import org.susong.commons.audit.ServiceAudit;
import org.susong.commons.audit.AuditReport.Checker;
import org.susong.commons.time.BusinessClock;
import org.susong.techcontracts.config.RegistrationConfig;
import org.susong.techcontracts.domain.ContractStatus;
import org.susong.techcontracts.persistence.AuditReads;

/**
 * The tech-contracts part of the audit (issue 12), read-only: a registration number is issued once and
 * never above the serial counter that issues it, the statistics count exactly the registered contracts;
 * and the reviews under way, waiting for the registry (one past its due date is marked OVERDUE: a
 * missed deadline the registry answers for, listed by {@code GET /contracts/overdue}, not a broken invariant).
 */
@ApplicationScoped
public class ContractsAudit implements ServiceAudit {

    private final AuditReads reads;
    private final RegistrationConfig registration;
    private final Clock clock;

    ContractsAudit(AuditReads reads, RegistrationConfig registration, Clock clock) {
        this.reads = reads;
        this.registration = registration;
        this.clock = clock;
    }

    @Override
    public AuditReport report() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, BusinessClock.ZONE);
        List<AuditReads.ContractRow> contracts = reads.contracts();
        Map<String, Long> counters = reads.serialCounters();
        Map<String, List<String>> byNumber = new TreeMap<>();
        Checker counted = new Checker("tech-contracts.statistics-count-registered",
                "a contract carries statistics (is counted in the technology-market figures) exactly when it is REGISTERED,"
                        + " and every REGISTERED contract has a registration number");
        Checker serial = new Checker("tech-contracts.serial-within-counter",
                "no registration number of this registry has a serial above the last one its registry-year counter"
                        + " issued (so the counter never issues it again)");
        List<AuditReport.Item> waiting = new ArrayList<>();
        for (AuditReads.ContractRow c : contracts) {
            boolean registered = c.status() == ContractStatus.REGISTERED;
            counted.expect(c.counted() == registered && (!registered || c.registrationNumber() != null), c.id(),
                    c.status() + (c.counted() ? " with" : " without") + " statistics, number " + c.registrationNumber());
            if (c.registrationNumber() != null && c.registrationNumber().length() == 16) {
                byNumber.computeIfAbsent(c.registrationNumber(), n -> new ArrayList<>()).add(c.id());
                String registry = c.registrationNumber().substring(4, 8);
                String counter = registry + "-" + c.registrationNumber().substring(0, 4);
                long last = counters.getOrDefault(counter, 0L);
                long number = Long.parseLong(c.registrationNumber().substring(8));
                serial.expect(!registry.equals(registration.registryCode()) || number <= last, c.registrationNumber(),
                        "serial above counter " + counter + " (last " + last + ")");
            }
            if (c.reviewDueOn() != null) {
                boolean late = LocalDate.parse(c.reviewDueOn()).isBefore(today);
                Instant since = c.reviewSince() == null ? null
                        : LocalDate.parse(c.reviewSince()).atStartOfDay(BusinessClock.ZONE).toInstant();
                String state = c.status() + " review due " + c.reviewDueOn() + (late ? " (OVERDUE)" : "");
                waiting.add(new AuditReport.Item(c.id(), null, state, AuditReport.age(since, now), c.registrationNumber()));
            }
        }
        Checker unique = new Checker("tech-contracts.registration-number-unique",
                "no registration number is held by more than one contract");
        byNumber.forEach((number, ids) -> unique.expect(ids.size() == 1, number, "held by " + ids));
        return new AuditReport("tech-contracts", now, 0, List.of(unique.done(), serial.done(), counted.done()),
                waiting, List.of(), List.of());
    }
}

package org.susong.techcontracts.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.susong.commons.ids.Ids;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.commons.time.BusinessClock;
import org.susong.techcontracts.config.RegistrationConfig;
import org.susong.techcontracts.domain.ContractRuleViolation;
import org.susong.techcontracts.domain.RegistrationNumber;
import org.susong.techcontracts.domain.TechContract;
import org.susong.techcontracts.persistence.ContractRepository;
import org.susong.techcontracts.persistence.RegistrationCounter;

/**
 * Bulk registration for registries migrating their records: every valid row becomes a registered
 * contract (with its national number when the row carries one, else a number issued here), each its
 * own atomic document with its {@code ContractRegistered} event. A row whose contract is already
 * filed (same duplicate key, or the same number) is reported as a duplicate and skipped, so running
 * a file again imports nothing twice. A bad row is reported with its field and never half-stored.
 */
@ApplicationScoped
public class BulkService {

    /** A row as parsed: its command, or the problem that kept it from parsing. */
    public record Row(int line, ContractCommand command, ProblemException parseProblem) {
    }

    public enum Outcome { REGISTERED, DUPLICATE, INVALID }

    /** A row that was not registered, and why. */
    public record RowReport(int line, Outcome outcome, int status, String field, String detail, String existingContract) {
    }

    public record Report(int rows, int registered, int duplicates, int invalid, List<RowReport> problems) {
    }

    private final ContractRepository contracts;
    private final RegistrationCounter counter;
    private final RegistrationConfig config;
    private final ReferenceData reference;
    private final ContractWriter writer;
    private final Clock clock;

    BulkService(ContractRepository contracts, RegistrationCounter counter, RegistrationConfig config,
                ReferenceData reference, ContractWriter writer, Clock clock) {
        this.contracts = contracts;
        this.counter = counter;
        this.config = config;
        this.reference = reference;
        this.writer = writer;
        this.clock = clock;
    }

    public Report register(Principal principal, List<Row> rows) {
        ContractService.requireRegistrar(principal);
        if (rows.size() > config.bulkMaxRows()) {
            throw new ProblemException(413, "Too many rows", rows.size() + " rows; at most " + config.bulkMaxRows()
                    + " per request (susong.tech-contracts.registration.bulk-max-rows)", null);
        }
        List<RowReport> problems = new ArrayList<>();
        Map<String, Integer> keysInFile = new HashMap<>();
        Map<String, Integer> numbersInFile = new HashMap<>();
        List<String> inserted = new ArrayList<>();
        Map<Integer, Long> lastSerials = new HashMap<>();
        keepCountersAhead(rows, lastSerials);
        int chunkRows = config.bulkChunkRows();
        for (int from = 0; from < rows.size(); from += chunkRows) {
            chunk(principal, rows.subList(from, Math.min(rows.size(), from + chunkRows)), keysInFile, numbersInFile,
                    lastSerials, problems, inserted);
        }
        // the relay starts once every row is stored: its lease look-ups compete with the inserts for the
        // collection (the sweeper would find these outboxes anyway)
        inserted.forEach(writer::publishSoon);
        int registered = inserted.size();
        int duplicates = (int) problems.stream().filter(p -> p.outcome() == Outcome.DUPLICATE).count();
        return new Report(rows.size(), registered, duplicates, problems.size() - duplicates, problems);
    }

    /**
     * Imported numbers of this registry must never be issued here: the counters move past every one
     * of them before any row of the file takes a serial (a later chunk's or a later row's number would
     * otherwise be issued to a local row first, and the import refused as already filed).
     */
    private void keepCountersAhead(List<Row> rows, Map<Integer, Long> lastSerials) {
        Map<Integer, Long> highest = new HashMap<>();
        for (Row row : rows) {
            String raw = row.command() == null ? null : row.command().registrationNumber();
            if (raw == null) {
                continue;
            }
            try {
                RegistrationNumber number = new RegistrationNumber(raw.trim());
                LocalDate registeredOn = row.command().registeredOn();
                if (number.registryCode().equals(config.registryCode()) && registeredOn != null
                        && registeredOn.getYear() == number.year()) {
                    ContractService.checkSerial(number, last(lastSerials, number.year()), config);
                    highest.merge(number.year(), number.serial(), Math::max);
                }
            } catch (IllegalArgumentException | ProblemException e) {
                // not a number of its year, or far above the counter: reported when the row is checked
            }
        }
        highest.forEach((year, serial) -> counter.atLeast(config.registryCode(), year, serial));
    }

    /** The last serial of the year as the file found it (read once a year per file). */
    private long last(Map<Integer, Long> lastSerials, int year) {
        return lastSerials.computeIfAbsent(year, y -> counter.last(config.registryCode(), y));
    }

    private void chunk(Principal principal, List<Row> rows, Map<String, Integer> keysInFile,
                       Map<String, Integer> numbersInFile, Map<Integer, Long> lastSerials, List<RowReport> problems,
                       List<String> inserted) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, BusinessClock.ZONE);
        List<Row> accepted = new ArrayList<>();
        List<ContractInput.Prepared> prepared = new ArrayList<>();
        int toNumber = 0;
        for (Row row : rows) {
            try {
                if (row.parseProblem() != null) {
                    throw row.parseProblem();
                }
                ContractCommand c = row.command();
                if (c.registrationNumber() != null && c.registeredOn() == null) {
                    throw ProblemException.badRequest("registeredOn", "required with a registrationNumber");
                }
                ContractInput.Prepared p = ContractInput.prepare(c, principal, reference, today);
                String key = p.terms().duplicateKey();
                if (keysInFile.containsKey(key)) {
                    problems.add(new RowReport(row.line(), Outcome.DUPLICATE, 409, null, "same contract as line "
                            + keysInFile.get(key), null));
                    continue;
                }
                if (c.registrationNumber() != null) {
                    // an imported row takes no serial: the unique indexes alone tell whether it is already filed
                    RegistrationNumber national = ContractService.nationalNumber(c.registrationNumber());
                    ContractService.checkSerial(national, last(lastSerials, national.year()), config);
                    String number = national.value();
                    if (numbersInFile.containsKey(number)) {
                        problems.add(new RowReport(row.line(), Outcome.DUPLICATE, 409, "registrationNumber",
                                "same number as line " + numbersInFile.get(number), null));
                        continue;
                    }
                    numbersInFile.put(number, row.line());
                } else {
                    // a row registered here takes a serial: look first, so that a re-run burns none
                    Optional<String> existing = contracts.findIdByDuplicateKey(key);
                    if (existing.isPresent()) {
                        problems.add(new RowReport(row.line(), Outcome.DUPLICATE, 409, null, "already filed",
                                "/contracts/" + existing.get()));
                        continue;
                    }
                    toNumber++;
                }
                keysInFile.put(key, row.line());
                accepted.add(row);
                prepared.add(p);
            } catch (ProblemException e) {
                problems.add(new RowReport(row.line(), Outcome.INVALID, e.status(), e.field(), e.getMessage(), null));
            }
        }
        long serial = toNumber == 0 ? 0 : counter.nextBlock(config.registryCode(), today.getYear(), toNumber);
        List<Map.Entry<TechContract, List<Document>>> batch = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < accepted.size(); i++) {
            ContractCommand c = accepted.get(i).command();
            ContractInput.Prepared p = prepared.get(i);
            String id = Ids.newId("TC", clock);
            TechContract.Change change;
            try {
                if (c.registrationNumber() != null) {
                    RegistrationNumber number = new RegistrationNumber(c.registrationNumber().trim());
                    change = TechContract.importRegistered(id, p.terms(), p.brics(), p.overrides(), number,
                            c.registeredOn(), now, today, principal.asActor());
                } else {
                    RegistrationNumber number = RegistrationNumber.of(today.getYear(), config.registryCode(), serial++);
                    change = TechContract.registerDirectly(id, p.terms(), p.brics(), p.overrides(), number, now, today,
                            principal.asActor());
                }
            } catch (ContractRuleViolation e) {
                problems.add(new RowReport(accepted.get(i).line(), Outcome.INVALID, 422, ContractInput.field(e.term()),
                        e.getMessage(), null));
                continue;
            }
            batch.add(new AbstractMap.SimpleEntry<>(change.contract(), writer.firstEntries(change, principal.asActor(),
                    "request:bulk:" + id)));
            lines.add(accepted.get(i).line());
        }
        Set<Integer> refused = contracts.insertAll(batch);
        for (int i = 0; i < batch.size(); i++) {
            if (refused.contains(i)) {
                // already filed (an imported row), or filed concurrently: a serial taken for it stays unused
                TechContract c = batch.get(i).getKey();
                Optional<String> holder = contracts.findIdByDuplicateKey(c.terms().duplicateKey());
                String field = null;
                if (holder.isEmpty()) {
                    field = "registrationNumber";
                    holder = contracts.findIdByRegistrationNumber(c.registrationNumber().value());
                }
                problems.add(new RowReport(lines.get(i), Outcome.DUPLICATE, 409, field, "already filed",
                        holder.map(id -> "/contracts/" + id).orElse(null)));
            } else {
                inserted.add(batch.get(i).getKey().id());
            }
        }
    }
}

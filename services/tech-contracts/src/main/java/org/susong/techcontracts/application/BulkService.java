package org.susong.techcontracts.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.susong.commons.ids.Ids;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.commons.time.BusinessClock;
import org.susong.techcontracts.config.RegistrationConfig;
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
 *
 * <p>Every row is checked before anything of the file is counted or written; then the counters move
 * past the file's imported serials; then the rows are stored chunk by chunk. A store error ends the
 * file: what was stored stays, the rest is reported NOT_STORED (503) and a re-run stores it.
 */
@ApplicationScoped
public class BulkService {

    private static final Logger LOG = Logger.getLogger(BulkService.class);

    /** A row as parsed: its command, or the problem that kept it from parsing. */
    public record Row(int line, ContractCommand command, ProblemException parseProblem) {
    }

    public enum Outcome { REGISTERED, DUPLICATE, INVALID, NOT_STORED }

    /** A row that was not registered, and why. */
    public record RowReport(int line, Outcome outcome, int status, String field, String detail, String existingContract) {
    }

    /** Counts and the rows not registered, in line order. */
    public record Report(int rows, int registered, int duplicates, int invalid, int notStored, List<RowReport> problems) {
    }

    /** A row that passed every check: its terms and, for an imported row, the contract as imported. */
    private record Checked(int line, ContractInput.Prepared prepared, TechContract.Change imported) {
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

    /** Most rows one request may carry ({@code bulk-max-rows}). */
    public int maxRows() {
        return config.bulkMaxRows();
    }

    /** 413 for a file of more rows than one request may carry. */
    public static ProblemException tooManyRows(String rows, int max) {
        return new ProblemException(413, "Too many rows", rows + " rows; at most " + max
                + " per request (susong.tech-contracts.registration.bulk-max-rows)", null);
    }

    public Report register(Principal principal, List<Row> rows) {
        ContractService.requireRegistrar(principal);
        if (rows.size() > config.bulkMaxRows()) {
            throw tooManyRows(String.valueOf(rows.size()), config.bulkMaxRows());
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, BusinessClock.ZONE);
        List<RowReport> problems = new ArrayList<>();
        Map<Integer, Long> lastSerials = new HashMap<>();
        List<Checked> checked = new ArrayList<>();
        for (Row row : rows) {
            try {
                checked.add(check(principal, row, lastSerials, now, today));
            } catch (ProblemException e) {
                problems.add(new RowReport(row.line(), Outcome.INVALID, e.status(), e.field(), e.getMessage(), null));
            }
        }
        List<Checked> unique = firstOfEach(checked, problems);
        keepCountersAhead(unique);
        List<String> inserted = new ArrayList<>();
        Set<Integer> done = new HashSet<>();
        int chunkRows = config.bulkChunkRows();
        for (int from = 0; from < unique.size(); from += chunkRows) {
            try {
                store(principal, unique.subList(from, Math.min(unique.size(), from + chunkRows)), now, today, problems,
                        inserted, done);
            } catch (RuntimeException e) {
                // the store failed (or the year's serials ran out): what was stored stays; the rest is reported
                LOG.errorf(e, "bulk registration stopped at line %d; %d contracts stored", unique.get(from).line(),
                        inserted.size());
                String cause = e instanceof ProblemException p ? p.getMessage() : "the store failed (" + e.getMessage() + ")";
                for (Checked c : unique.subList(from, unique.size())) {
                    if (!done.contains(c.line())) {
                        problems.add(new RowReport(c.line(), Outcome.NOT_STORED, 503, null, cause + "; this row is not"
                                + " stored, or not known to be: run the file again (rows stored are then duplicates)",
                                null));
                    }
                }
                break;
            }
        }
        // the relay starts once every row is stored: its lease look-ups compete with the inserts for the
        // collection (the sweeper would find these outboxes anyway)
        inserted.forEach(writer::publishSoon);
        problems.sort(Comparator.comparingInt(RowReport::line));
        return new Report(rows.size(), inserted.size(), count(problems, Outcome.DUPLICATE),
                count(problems, Outcome.INVALID), count(problems, Outcome.NOT_STORED), problems);
    }

    /** Every check a row can fail without the store: 400/422 naming the field. */
    private Checked check(Principal principal, Row row, Map<Integer, Long> lastSerials, Instant now, LocalDate today) {
        if (row.parseProblem() != null) {
            throw row.parseProblem();
        }
        ContractCommand c = row.command();
        if (c.registrationNumber() == null) {
            return new Checked(row.line(), ContractInput.prepare(c, principal, reference, today), null);
        }
        if (c.registeredOn() == null) {
            throw ProblemException.badRequest("registeredOn", "required with a registrationNumber");
        }
        ContractInput.Prepared p = ContractInput.prepare(c, principal, reference, today);
        RegistrationNumber number = ContractService.nationalNumber(c.registrationNumber());
        TechContract.Change imported = ContractService.imported(p, number, c.registeredOn(),
                lastSerials.computeIfAbsent(number.year(), y -> counter.last(config.registryCode(), y)), config,
                Ids.newId("TC", clock), now, today, principal);
        return new Checked(row.line(), p, imported);
    }

    /** Within the file the first row of a contract (or of a number) counts; a later one is a duplicate. */
    private static List<Checked> firstOfEach(List<Checked> checked, List<RowReport> problems) {
        Map<String, Integer> keys = new HashMap<>();
        Map<String, Integer> numbers = new HashMap<>();
        List<Checked> unique = new ArrayList<>();
        for (Checked c : checked) {
            String key = c.prepared().terms().duplicateKey();
            if (keys.containsKey(key)) {
                problems.add(new RowReport(c.line(), Outcome.DUPLICATE, 409, null, "same contract as line "
                        + keys.get(key), null));
                continue;
            }
            if (c.imported() != null) {
                String number = c.imported().contract().registrationNumber().value();
                if (numbers.containsKey(number)) {
                    problems.add(new RowReport(c.line(), Outcome.DUPLICATE, 409, "registrationNumber",
                            "same number as line " + numbers.get(number), null));
                    continue;
                }
                numbers.put(number, c.line());
            }
            keys.put(key, c.line());
            unique.add(c);
        }
        return unique;
    }

    /**
     * Imported numbers of this registry must never be issued here: the counters move past every one
     * of them before any row of the file takes a serial (a later chunk's or a later row's number would
     * otherwise be issued to a local row first, and the import refused as already filed).
     */
    private void keepCountersAhead(List<Checked> rows) {
        Map<Integer, Long> highest = new HashMap<>();
        for (Checked row : rows) {
            if (row.imported() != null) {
                RegistrationNumber number = row.imported().contract().registrationNumber();
                if (number.registryCode().equals(config.registryCode())) {
                    highest.merge(number.year(), number.serial(), Math::max);
                }
            }
        }
        highest.forEach((year, serial) -> counter.atLeast(config.registryCode(), year, serial));
    }

    /** Stores one chunk in one unordered insert; each row reported goes into {@code done}. */
    private void store(Principal principal, List<Checked> chunk, Instant now, LocalDate today, List<RowReport> problems,
                       List<String> inserted, Set<Integer> done) {
        List<Checked> toStore = new ArrayList<>();
        int toNumber = 0;
        for (Checked c : chunk) {
            if (c.imported() == null) {
                // a row registered here takes a serial: look first, so that a re-run burns none
                Optional<String> existing = contracts.findIdByDuplicateKey(c.prepared().terms().duplicateKey());
                if (existing.isPresent()) {
                    problems.add(new RowReport(c.line(), Outcome.DUPLICATE, 409, null, "already filed",
                            "/contracts/" + existing.get()));
                    done.add(c.line());
                    continue;
                }
                toNumber++;
            }
            // an imported row takes no serial: the unique indexes alone tell whether it is already filed
            toStore.add(c);
        }
        long serial = toNumber == 0 ? 0 : counter.nextBlock(config.registryCode(), today.getYear(), toNumber);
        List<ContractRepository.NewContract> batch = new ArrayList<>();
        for (Checked c : toStore) {
            TechContract.Change change = c.imported();
            if (change == null) {
                ContractInput.Prepared p = c.prepared();
                change = TechContract.registerDirectly(Ids.newId("TC", clock), p.terms(), p.brics(), p.overrides(),
                        RegistrationNumber.of(today.getYear(), config.registryCode(), serial++), now, today,
                        principal.asActor());
            }
            batch.add(writer.newContract(change, principal.asActor(), "request:bulk:" + change.contract().id()));
        }
        Set<Integer> refused = contracts.insertAll(batch);
        for (int i = 0; i < batch.size(); i++) {
            TechContract c = batch.get(i).contract();
            if (refused.contains(i)) {
                // already filed (an imported row), or filed concurrently: a serial taken for it stays unused
                Optional<String> holder = contracts.findIdByDuplicateKey(c.terms().duplicateKey());
                String field = null;
                if (holder.isEmpty()) {
                    field = "registrationNumber";
                    holder = contracts.findIdByRegistrationNumber(c.registrationNumber().value());
                }
                problems.add(new RowReport(toStore.get(i).line(), Outcome.DUPLICATE, 409, field, "already filed",
                        holder.map(id -> "/contracts/" + id).orElse(null)));
            } else {
                inserted.add(c.id());
            }
            done.add(toStore.get(i).line());
        }
    }

    private static int count(List<RowReport> problems, Outcome outcome) {
        return (int) problems.stream().filter(p -> p.outcome() == outcome).count();
    }
}

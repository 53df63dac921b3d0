package org.susong.eligibility.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.susong.commons.ids.Uscc;
import org.susong.commons.rest.ProblemException;
import org.susong.eligibility.config.EligibilityConfig;
import org.susong.eligibility.domain.CertificationList;
import org.susong.eligibility.domain.CompiledRule;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.persistence.CertificationListRepository;
import org.susong.eligibility.persistence.CertificationListRepository.Entry;
import org.susong.eligibility.domain.ImportState;

/**
 * The certification lists eligibility owns (B1, issue 16 item 3): an administrator imports a year's list of one
 * category as CSV; a B1 certificate is checked against the lists when it is decided; importing a list awards every
 * enterprise on it without an application (免申即享, {@link CertificationAwards}).
 *
 * <p>An import is <b>maker-checker</b> (it pays): one administrator's file is checked and kept ({@link #importList}),
 * a second, different administrator approves it ({@link #approve}) and only then is anything listed or awarded.
 * It is <b>all or nothing</b>: every row is checked first (USCC shape and check character, certificate
 * number, certification kind, a second row for the same enterprise, an enterprise already listed differently) and a
 * file with any bad row is refused as a whole (422, each bad row named by line and field), nothing written. A good
 * file writes its new entries (insert if absent) and proposes each listed enterprise's award, once per (list, year,
 * enterprise): the same file imported again reports its rows UNCHANGED and awards nobody twice. An entry is never
 * changed by an import (a list that states an enterprise differently is refused), so a certificate once awarded
 * cannot be listed again under another number. A crash part-way is repaired by importing the same file again.
 */
@ApplicationScoped
public class CertificationLists {

    static final String NUMBER = "certificateNumber";
    static final String CATEGORY = "category";

    /** One line of the file (its number, 2 for the first row after the header) and its cells by column. */
    public record Row(int line, Map<String, String> cells, String unreadable) {
    }

    /** What an import did with one row's entry (answered as its name). */
    public enum Listing {
        /** Listed by this import. */
        LISTED,
        /** Listed before, the same way: nothing changed. */
        UNCHANGED,
        /** Listed meanwhile by another import, differently: this row was not applied. */
        CONFLICT
    }

    /** What an import did with one row: its {@link Listing}, and the award (免申即享) it led to. */
    public record RowResult(int line, String uscc, Listing entry, String award, String proposalId, Long amountFen,
                            String reason, String reasonZh) {
    }

    public record Report(String list, int year, String importId, int rows, int listed, int unchanged, int proposed,
                         List<RowResult> results) {
    }

    /** A checked file awaiting a second administrator (maker-checker): nothing listed, nobody awarded yet. */
    public record Proposed(String importId, String list, int year, int rows, String state, String proposedBy,
                           String approvedBy) {
    }

    /** A stored import as its approver reads it before approving. */
    public Optional<Proposed> findImport(String importId) {
        return lists.findImport(importId).map(d -> new Proposed(d.importId(), d.list(), d.year(), d.rows(), d.state().stored(),
                d.proposedBy(), d.approvedBy()));
    }

    /** One enterprise's entry on a year's list, as administrators and auditors read it. */
    public record ListedEntry(String list, int year, String uscc, String name, String certificateNumber, String kind,
                              String importId) {
    }

    /** The entry a year's list states for an enterprise (the USCC compared upper case), if it is listed. */
    public Optional<ListedEntry> findEntry(CertificationList list, int year, String uscc) {
        return lists.find(list.name(), year, uscc.strip().toUpperCase(Locale.ROOT))
                .map(e -> new ListedEntry(e.list(), e.year(), e.uscc(), e.name(), e.certificateNumber(), e.kind(),
                        e.importId()));
    }

    private final CertificationListRepository lists;
    private final CertificationAwards awards;
    private final EligibilityConfig config;
    private final Clock clock;

    CertificationLists(CertificationListRepository lists, CertificationAwards awards, EligibilityConfig config, Clock clock) {
        this.lists = lists;
        this.awards = awards;
        this.config = config;
        this.clock = clock;
    }

    /** Whether a measure's applications name a listed certificate (B1: a category and a certificate number). */
    public static boolean applies(Measure measure) {
        return measure != null && measure.requiredFacts() != null && measure.requiredFacts().contains(NUMBER)
                && measure.requiredFacts().contains(CATEGORY);
    }

    /**
     * The decision-time check of a certificate (a measure that {@link #applies}), after its facts passed the schema:
     * criterion {@code certificationListed}, failed when the certificate is not on the imported list of its category
     * and year for this applicant, or the list states another certificate or kind; empty for other measures.
     */
    public Optional<Criterion> check(Measure measure, Map<String, Object> facts, String uscc) {
        if (!applies(measure)) {
            return Optional.empty();
        }
        Optional<CertificationList> list = CertificationList.of(String.valueOf(facts.get(CATEGORY)));
        Object year = facts.get("certificationYear");
        Optional<CertificationList.Listed> listed = list.isEmpty() || !(year instanceof Number n) || uscc == null
                ? Optional.empty()
                : lists.find(list.get().name(), n.intValue(), uscc).map(e -> new CertificationList.Listed(
                        e.certificateNumber(), e.certificateKey(), e.kind(), e.importId()));
        return Optional.of(CertificationList.check(facts, uscc, listed));
    }

    /**
     * Checks one list file and keeps it for a second administrator (maker-checker: an import pays every listed
     * enterprise); refuses the whole file (422, nothing kept) when any row is bad.
     */
    public Proposed importList(String listName, int year, List<Row> rows, String proposedBy) {
        CertificationList list = CertificationList.of(listName).orElseThrow(() -> ProblemException.badRequest("list",
                "unknown certification list '" + listName + "'; one of HIGH_TECH_ENTERPRISE, LITTLE_GIANT, SINGLE_CHAMPION,"
                        + " TECH_INNOVATION_DEMO"));
        LocalDate today = LocalDate.now(clock);
        if (year < 2000 || year > today.getYear()) {
            throw ProblemException.badRequest("year", "a list of " + year + " cannot be imported on " + today
                    + " (2000 to the current year)");
        }
        if (rows.size() > config.certifications().maxRows()) {
            throw new ProblemException(413, "Payload too large", "a list file holds at most "
                    + config.certifications().maxRows() + " rows; split the file", null);
        }
        if (rows.isEmpty()) {
            throw ProblemException.badRequest(null, "the CSV file has a header line and no rows");
        }
        // unique per file, also under a fixed or shared clock (two administrators in the same millisecond)
        String importId = "CL-" + list.shortCode() + "-" + year + "-" + java.util.UUID.randomUUID().toString()
                .replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
        List<Map<String, Object>> violations = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (Row row : rows) {
            Entry e = entry(list, year, row, importId, seen, violations);
            if (e != null) {
                entries.add(e);
                lines.add(row.line());
            }
        }
        Map<String, Entry> existing = lists.findAll(entries.stream().map(Entry::id).toList());
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            Entry before = existing.get(e.id());
            if (before != null && (!before.certificateKey().equals(e.certificateKey()) || !before.kind().equals(e.kind()))) {
                violations.add(violation(lines.get(i), NUMBER, e.uscc() + " is already on the " + year + " list (import "
                        + before.importId() + ") with certificate " + before.certificateNumber() + ", " + before.kind()
                        + "; an import does not change a listed entry"));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable(String.valueOf(violations.get(0).get("field")), violations.size()
                    + " of " + rows.size() + " rows are bad; nothing of this file was imported (line "
                    + violations.get(0).get("line") + ": " + violations.get(0).get("message") + ")")
                    .with("violations", violations);
        }
        lists.propose(importId, list.name(), year, rows.size(), entries, lines, proposedBy, Date.from(clock.instant()));
        return new Proposed(importId, list.name(), year, rows.size(), ImportState.PROPOSED.stored(), proposedBy, null);
    }

    /**
     * A second administrator approves a proposed import (not its proposer: 409): its entries are listed and every
     * listed enterprise is awarded without an application. An approved import approved again (a retry after a crash
     * part-way) applies what is missing and awards nobody twice.
     */
    public Report approve(String importId, String approver, String actor) {
        CertificationListRepository.Import imported = lists.findImport(importId).orElseThrow(() -> ProblemException.notFound("list import", importId));
        if (imported.proposedBy().equals(approver)) {
            throw ProblemException.conflict("maker-checker: " + approver + " proposed import " + importId
                    + "; a second, different administrator approves it");
        }
        if (imported.state() == ImportState.PROPOSED && !lists.approve(importId, approver, Date.from(clock.instant()))) {
            imported = lists.findImport(importId).orElseThrow();
            if (imported.state() != ImportState.APPROVED) {
                throw ProblemException.conflict("import " + importId + " is " + imported.state());
            }
        }
        List<Entry> entries = imported.entries();
        List<Integer> lines = imported.lines();
        CertificationList list = CertificationList.of(imported.list()).orElseThrow();
        int year = imported.year();
        Date at = Date.from(clock.instant());
        List<RowResult> results = new ArrayList<>();
        int listed = 0;
        int proposed = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            boolean isNew = lists.insert(e, actor, at);
            Entry stored = isNew ? e : lists.find(e.list(), e.year(), e.uscc()).orElse(e);
            if (!stored.certificateKey().equals(e.certificateKey()) || !stored.kind().equals(e.kind())) {
                // another import listed this enterprise differently after this file was checked: its entry stands
                results.add(new RowResult(lines.get(i), e.uscc(), Listing.CONFLICT, null, null, null, "listed meanwhile by import "
                        + stored.importId() + " with certificate " + stored.certificateNumber() + ", " + stored.kind()
                        + ": this row was not applied", "该企业已由导入 " + stored.importId() + " 列入名单，本行未导入"));
                continue;
            }
            listed += isNew ? 1 : 0;
            CertificationAwards.Outcome outcome = awards.propose(stored);
            proposed += outcome.proposed() ? 1 : 0;
            results.add(new RowResult(lines.get(i), e.uscc(), isNew ? Listing.LISTED : Listing.UNCHANGED, outcome.state(),
                    outcome.proposalId(), outcome.amountFen(), outcome.reason(), outcome.reasonZh()));
        }
        int unchanged = (int) results.stream().filter(r -> r.entry() == Listing.UNCHANGED).count();
        return new Report(list.name(), year, importId, imported.rows(), listed, unchanged, proposed, results);
    }

    /** The entry of one row, or null with its violations added. */
    private static Entry entry(CertificationList list, int year, Row row, String importId, Map<String, Integer> seen,
                               List<Map<String, Object>> violations) {
        if (row.unreadable() != null) {
            violations.add(violation(row.line(), "line", row.unreadable()));
            return null;
        }
        int before = violations.size();
        String uscc = cell(row, "uscc").toUpperCase(Locale.ROOT);
        Optional<String> shape = Uscc.shapeProblem(uscc);
        if (uscc.isEmpty()) {
            violations.add(violation(row.line(), "uscc", "required"));
        } else if (shape.isPresent()) {
            violations.add(violation(row.line(), "uscc", shape.get()));
        } else if (!new Uscc(uscc).checkCharacterValid()) {
            violations.add(violation(row.line(), "uscc", "the check character should be "
                    + new Uscc(uscc).expectedCheckCharacter()));
        } else if (seen.putIfAbsent(uscc, row.line()) != null) {
            violations.add(violation(row.line(), "uscc", uscc + " is listed twice in this file (line " + seen.get(uscc) + ")"));
        }
        String number = cell(row, NUMBER);
        String key = number.isEmpty() || number.length() > 40 ? null : CompiledRule.canonical(number);
        if (number.isEmpty()) {
            violations.add(violation(row.line(), NUMBER, "required"));
        } else if (key == null) {
            violations.add(violation(row.line(), NUMBER, "a certificate number has at most 40 letters, digits, spaces"
                    + " and hyphens"));
        }
        String kind = cell(row, "certificationKind").toUpperCase(Locale.ROOT);
        if (!CertificationList.KINDS.contains(kind)) {
            violations.add(violation(row.line(), "certificationKind", kind.isEmpty()
                    ? "required (FIRST or RENEWED): a little giant counts only when first certified, so the kind is never assumed"
                    : "'" + kind + "' is not FIRST or RENEWED"));
        }
        String name = cell(row, "name");
        if (name.length() > 200) {
            violations.add(violation(row.line(), "name", "at most 200 characters"));
        }
        if (violations.size() > before) {
            return null;
        }
        return new Entry(list.name(), year, uscc, name.isEmpty() ? null : name, number, key, kind, importId);
    }

    private static String cell(Row row, String column) {
        String value = row.cells().get(column);
        return value == null ? "" : value.strip();
    }

    private static Map<String, Object> violation(int line, String field, String message) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("line", line);
        v.put("field", field);
        v.put("message", "line " + line + ": " + field + ": " + message);
        return v;
    }
}

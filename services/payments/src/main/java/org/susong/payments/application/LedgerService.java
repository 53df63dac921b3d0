package org.susong.payments.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.susong.commons.time.BusinessClock;
import org.susong.payments.domain.JournalEntry;
import org.susong.payments.domain.Ledger;
import org.susong.payments.domain.Posting;
import org.susong.payments.persistence.BudgetLineRepository;
import org.susong.payments.persistence.JournalRepository;

/**
 * The double-entry journal read back: the balance of a line's accounts at any date, and the invariant
 * check - every entry balances, no entry is posted twice, and for every line the journal's balances
 * equal the line's counters (allocated = -appropriation; available, reserved, disbursed, receivable).
 */
@ApplicationScoped
public class LedgerService {

    public record Balance(String budgetLine, LocalDate at, Map<String, Long> accounts, long allocatedFen, int entries) {
    }

    public record LineCheck(String budgetLine, Map<String, Long> journal, Map<String, Long> counters, boolean matches,
                            List<String> inFlight) {
    }

    public record Check(boolean balanced, int entries, List<String> unbalancedEntries, List<String> duplicateEntries,
                        List<LineCheck> lines, List<String> mismatchedLines, Instant checkedAt) {
    }

    private final JournalRepository journal;
    private final BudgetLineRepository lines;
    private final Clock clock;

    LedgerService(JournalRepository journal, BudgetLineRepository lines, Clock clock) {
        this.journal = journal;
        this.lines = lines;
        this.clock = clock;
    }

    /** The balances of a line's accounts from the entries posted up to the end of {@code at} (Asia/Shanghai). */
    public Balance balance(String lineId, LocalDate at) {
        lines.find(lineId).orElseThrow(() -> new NoSuchElementException(lineId));
        Instant end = at.plusDays(1).atStartOfDay(BusinessClock.ZONE).toInstant();
        Map<String, Long> accounts = emptyAccounts();
        int count = 0;
        for (JournalEntry e : entries(new ArrayList<>(), new ArrayList<>())) {
            if (!lineId.equals(e.budgetLine()) || !e.at().isBefore(end)) {
                continue;
            }
            count++;
            add(accounts, lineId, e);
        }
        return new Balance(lineId, at, accounts, -accounts.get(Ledger.APPROPRIATION), count);
    }

    public Check check() {
        List<String> unbalanced = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        List<JournalEntry> entries = entries(unbalanced, duplicates);
        Map<String, Map<String, Long>> byLine = new HashMap<>();
        for (JournalEntry e : entries) {
            add(byLine.computeIfAbsent(e.budgetLine(), l -> emptyAccounts()), e.budgetLine(), e);
        }
        List<LineCheck> checks = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (BudgetLineRepository.Line line : lines.all()) {
            Map<String, Long> j = byLine.getOrDefault(line.id(), emptyAccounts());
            Map<String, Long> counters = new LinkedHashMap<>();
            counters.put(Ledger.APPROPRIATION, -line.allocatedFen());
            counters.put(Ledger.AVAILABLE, line.availableFen());
            counters.put(Ledger.RESERVED, line.reservedFen());
            counters.put(Ledger.DISBURSED, line.disbursedFen());
            counters.put(Ledger.RECEIVABLE, line.receivableFen());
            boolean matches = j.equals(counters);
            if (!matches) {
                mismatched.add(line.id());
            }
            checks.add(new LineCheck(line.id(), j, counters, matches, line.inFlight()));
        }
        for (String line : byLine.keySet()) {
            if (lines.find(line).isEmpty()) {
                mismatched.add(line + " (journal entries for a line that does not exist)");
            }
        }
        return new Check(unbalanced.isEmpty() && duplicates.isEmpty() && mismatched.isEmpty(), entries.size(), unbalanced,
                duplicates, checks, mismatched, clock.instant());
    }

    private List<JournalEntry> entries(List<String> unbalanced, List<String> duplicates) {
        List<JournalEntry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JournalRepository.RawEntry raw : journal.all()) {
            JournalEntry e = raw.entry();
            if (e == null) {
                unbalanced.add(raw.collection() + "/" + raw.problem());
                continue;
            }
            if (!seen.add(e.id())) {
                duplicates.add(e.id());
                continue;
            }
            entries.add(e);
        }
        return entries;
    }

    private static Map<String, Long> emptyAccounts() {
        Map<String, Long> accounts = new LinkedHashMap<>();
        accounts.put(Ledger.APPROPRIATION, 0L);
        for (String name : Ledger.LINE_ACCOUNTS) {
            accounts.put(name, 0L);
        }
        return accounts;
    }

    private static void add(Map<String, Long> accounts, String line, JournalEntry e) {
        for (Posting p : e.postings()) {
            String name = p.account().startsWith(line + "/") ? p.account().substring(line.length() + 1) : p.account();
            accounts.merge(name, p.fen(), Long::sum);
        }
    }
}

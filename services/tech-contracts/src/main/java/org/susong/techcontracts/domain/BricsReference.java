package org.susong.techcontracts.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Effective-dated BRICS membership: which countries were members or partner countries on a date.
 * Read from lines {@code country,MEMBER|PARTNER,from[,until]} ({@code until} exclusive, empty =
 * still in force); {@code #} starts a comment. A country's later entry (a partner that became a
 * member) wins from its own date on.
 */
public final class BricsReference {

    private record Entry(String country, BricsStatus status, LocalDate from, LocalDate until) {
        boolean inForceOn(LocalDate date) {
            return !date.isBefore(from) && (until == null || date.isBefore(until));
        }
    }

    private final List<Entry> entries;

    private BricsReference(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static BricsReference parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        ReferenceLines.read(lines, "BRICS reference", "country,status,from[,until]", cells -> {
            String country = cells[0].trim().toUpperCase(Locale.ROOT);
            if (!Party.isCountryCode(country)) {
                throw new IllegalArgumentException("unknown country code " + country);
            }
            LocalDate until = cells.length > 3 && !cells[3].isBlank() ? LocalDate.parse(cells[3].trim()) : null;
            entries.add(new Entry(country, BricsStatus.valueOf(cells[1].trim()), LocalDate.parse(cells[2].trim()), until));
        });
        return new BricsReference(entries);
    }

    /** The standing of {@code country} on {@code date}; NONE when no entry is in force. */
    public BricsStatus statusOn(String country, LocalDate date) {
        Entry latest = null;
        for (Entry entry : entries) {
            if (entry.country().equals(country) && entry.inForceOn(date)
                    && (latest == null || entry.from().isAfter(latest.from()))) {
                latest = entry;
            }
        }
        return latest == null ? BricsStatus.NONE : latest.status();
    }

    /**
     * A contract's BRICS standing on its signing date: that of its foreign party (the higher one
     * when both are foreign); NONE for a contract between two domestic parties.
     */
    public BricsStatus statusOf(ContractTerms terms) {
        BricsStatus status = BricsStatus.NONE;
        for (Party party : List.of(terms.seller(), terms.buyer())) {
            if (!party.isDomestic()) {
                BricsStatus own = statusOn(party.country(), terms.signingDate());
                if (own.ordinal() < status.ordinal()) {
                    status = own;
                }
            }
        }
        return status;
    }
}

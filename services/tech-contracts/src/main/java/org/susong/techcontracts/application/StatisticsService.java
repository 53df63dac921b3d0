package org.susong.techcontracts.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.susong.commons.ids.District;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.techcontracts.persistence.StatisticsRepository;
import org.susong.techcontracts.persistence.StatisticsRepository.Dimension;
import org.susong.techcontracts.persistence.StatisticsRepository.Row;

/**
 * The city's technology-market figures for a registration year: contracts registered (not
 * cancelled) counted and summed by contract and technical transaction amount, in total and by
 * month, type, district, domestic/foreign and BRICS standing, with the year-on-year growth.
 */
@ApplicationScoped
public class StatisticsService {

    /** Count and both amounts of one group. */
    public record Figures(Object key, long count, long contractFen, long technicalFen) {
        static final Figures NONE = new Figures(null, 0, 0, 0);
    }

    /**
     * Growth on the previous year in basis points (2,934 = +29.34 %), rounded half away from zero;
     * null when the previous year had nothing to grow from.
     */
    public record Growth(Long countBasisPoints, Long contractBasisPoints, Long technicalBasisPoints) {
    }

    public record YearReport(int year, Figures total, Figures previousYear, Growth growth,
                             Map<String, List<Figures>> breakdowns) {
    }

    private final StatisticsRepository statistics;

    StatisticsService(StatisticsRepository statistics) {
        this.statistics = statistics;
    }

    /**
     * Breakdowns keyed month, type, district, foreign, brics. Registrars, admins and auditors get the
     * city's figures; a district officer its district's only (filtered in the pipelines; an officer
     * without a district gets none).
     */
    public YearReport year(Principal principal, int year) {
        Optional<District> district = Optional.empty();
        if (!principal.hasAnyRole(Principal.REGISTRAR, Principal.ADMIN, Principal.AUDITOR)) {
            if (!principal.hasRole(Principal.OFFICER)) {
                throw new ProblemException(403, "Forbidden", "registry staff, admins and auditors read the statistics",
                        null);
            }
            district = principal.district().flatMap(District::parse);
            if (district.isEmpty()) {
                return empty(year);
            }
        }
        List<Row> totals = statistics.totals(List.of(year - 1, year), null, district);
        Figures current = totals.stream().filter(r -> r.year() == year).findFirst().map(StatisticsService::figures)
                .orElse(Figures.NONE);
        Figures previous = totals.stream().filter(r -> r.year() == year - 1).findFirst().map(StatisticsService::figures)
                .orElse(Figures.NONE);
        Map<String, List<Figures>> breakdowns = new LinkedHashMap<>();
        for (Dimension dimension : Dimension.values()) {
            List<Figures> groups = new ArrayList<>();
            for (Row row : statistics.totals(List.of(year), dimension, district)) {
                groups.add(figures(row));
            }
            breakdowns.put(dimension.name().toLowerCase(Locale.ROOT), groups);
        }
        Growth growth = new Growth(basisPoints(current.count(), previous.count()),
                basisPoints(current.contractFen(), previous.contractFen()),
                basisPoints(current.technicalFen(), previous.technicalFen()));
        return new YearReport(year, current, previous, growth, breakdowns);
    }

    private static YearReport empty(int year) {
        Map<String, List<Figures>> breakdowns = new LinkedHashMap<>();
        for (Dimension dimension : Dimension.values()) {
            breakdowns.put(dimension.name().toLowerCase(Locale.ROOT), List.of());
        }
        return new YearReport(year, Figures.NONE, Figures.NONE, new Growth(null, null, null), breakdowns);
    }

    /** (current - previous) / previous in basis points, half away from zero; null when previous is 0. */
    public static Long basisPoints(long current, long previous) {
        if (previous == 0) {
            return null;
        }
        long numerator = Math.multiplyExact(current - previous, 10_000L);
        long rounded = (Math.abs(numerator) * 2 + previous) / (2 * previous);
        return numerator < 0 ? -rounded : rounded;
    }

    private static Figures figures(Row row) {
        return new Figures(row.key(), row.count(), row.contractFen(), row.technicalFen());
    }
}

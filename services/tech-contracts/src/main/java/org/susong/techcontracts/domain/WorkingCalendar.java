package org.susong.techcontracts.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Working days in mainland China: Monday to Friday, except public holidays, plus the make-up
 * working days (调休) the State Council moves onto weekends. Read from lines
 * {@code date,HOLIDAY|WORKDAY,name}; {@code #} starts a comment. Years the file does not cover
 * fall back to Monday-Friday less the holidays fixed by date in the State Council's rules on
 * national holidays (1 January; 1 May, and 2 May from 2025; 1-3 October): the lunar holidays and
 * the make-up days of such a year are unknown until its notice is published, so {@link #covers}
 * tells which years are exact.
 */
public final class WorkingCalendar {

    private final Map<LocalDate, Boolean> exceptions;
    private final Set<Integer> years;

    private WorkingCalendar(Map<LocalDate, Boolean> exceptions, Set<Integer> years) {
        this.exceptions = Map.copyOf(exceptions);
        this.years = Set.copyOf(years);
    }

    public static WorkingCalendar parse(List<String> lines) {
        Map<LocalDate, Boolean> exceptions = new HashMap<>();
        Set<Integer> years = new HashSet<>();
        ReferenceLines.read(lines, "calendar", "date,HOLIDAY|WORKDAY,name", cells -> {
            LocalDate date = LocalDate.parse(cells[0].trim());
            String kind = cells[1].trim();
            if (!kind.equals("HOLIDAY") && !kind.equals("WORKDAY")) {
                throw new IllegalArgumentException("kind " + kind);
            }
            if (exceptions.put(date, kind.equals("WORKDAY")) != null) {
                throw new IllegalArgumentException("listed twice");
            }
            years.add(date.getYear());
        });
        return new WorkingCalendar(exceptions, years);
    }

    /**
     * This calendar with the years {@code other} lists taken from it instead (an operator's file adds a year, or
     * corrects one): no day of a year {@code other} covers is kept from this one.
     */
    public WorkingCalendar withYearsOf(WorkingCalendar other) {
        Map<LocalDate, Boolean> merged = new HashMap<>(other.exceptions);
        exceptions.forEach((date, working) -> {
            if (!other.covers(date.getYear())) {
                merged.put(date, working);
            }
        });
        Set<Integer> all = new HashSet<>(years);
        all.addAll(other.years);
        return new WorkingCalendar(merged, all);
    }

    public boolean covers(int year) {
        return years.contains(year);
    }

    /** Whether every year from {@code from} to {@code to} is covered. */
    public boolean coversAll(LocalDate from, LocalDate to) {
        for (int year = from.getYear(); year <= to.getYear(); year++) {
            if (!covers(year)) {
                return false;
            }
        }
        return true;
    }

    public boolean isWorkingDay(LocalDate date) {
        Boolean exception = exceptions.get(date);
        if (exception != null) {
            return exception;
        }
        if (!covers(date.getYear()) && isFixedDateHoliday(date)) {
            return false;
        }
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The day itself if it is a working day, else the next working day (Civil Code art. 203). */
    public LocalDate onOrAfter(LocalDate date) {
        LocalDate day = date;
        while (!isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }

    /** 全国年节及纪念日放假办法 (as amended 2024-11-10, in force 2025): the holidays fixed by date. */
    static boolean isFixedDateHoliday(LocalDate date) {
        int day = date.getDayOfMonth();
        switch (date.getMonth()) {
            case JANUARY:
                return day == 1;
            case MAY:
                return day == 1 || (day == 2 && date.getYear() >= 2025);
            case OCTOBER:
                return day <= 3;
            default:
                return false;
        }
    }

    /** The {@code n}th working day after {@code start} (start itself is not counted). */
    public LocalDate plusWorkingDays(LocalDate start, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("working days must not be negative: " + n);
        }
        LocalDate date = start;
        int left = n;
        while (left > 0) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                left--;
            }
        }
        return date;
    }
}

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
 * fall back to Monday-Friday ({@link #covers} tells which years are covered).
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
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw.contains("#") ? raw.substring(0, raw.indexOf('#')) : raw;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            try {
                LocalDate date = LocalDate.parse(cells[0].trim());
                String kind = cells[1].trim();
                if (!kind.equals("HOLIDAY") && !kind.equals("WORKDAY")) {
                    throw new IllegalArgumentException("kind " + kind);
                }
                if (exceptions.put(date, kind.equals("WORKDAY")) != null) {
                    throw new IllegalArgumentException("listed twice");
                }
                years.add(date.getYear());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("calendar line " + number + " is not date,HOLIDAY|WORKDAY,name: " + raw, e);
            }
        }
        return new WorkingCalendar(exceptions, years);
    }

    public boolean covers(int year) {
        return years.contains(year);
    }

    public boolean isWorkingDay(LocalDate date) {
        Boolean exception = exceptions.get(date);
        if (exception != null) {
            return exception;
        }
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
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

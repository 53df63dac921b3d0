package org.susong.techcontracts.domain;

import java.util.List;

/**
 * The lines of a reference file ({@link BricsReference}, {@link WorkingCalendar}): comma-separated cells, {@code #}
 * starts a comment, blank lines are skipped; a line its reader refuses is named by its number and its format.
 */
final class ReferenceLines {

    /** Reads one line's cells; throws (any runtime exception) when they do not fit the format. */
    @FunctionalInterface
    interface Reader {
        void read(String[] cells);
    }

    private ReferenceLines() {
    }

    static void read(List<String> lines, String what, String format, Reader reader) {
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw.contains("#") ? raw.substring(0, raw.indexOf('#')) : raw;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            try {
                reader.read(cells);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(what + " line " + number + " is not " + format + ": " + raw, e);
            }
        }
    }
}

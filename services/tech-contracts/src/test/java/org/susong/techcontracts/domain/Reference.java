package org.susong.techcontracts.domain;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The service's real reference files, as shipped in its resources. */
final class Reference {

    private Reference() {
    }

    static WorkingCalendar calendar() {
        return WorkingCalendar.parse(lines("org/susong/techcontracts/working-calendar.csv"));
    }

    static BricsReference brics() {
        return BricsReference.parse(lines("org/susong/techcontracts/brics.csv"));
    }

    static List<String> lines(String resource) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                Reference.class.getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (Exception e) {
            throw new IllegalStateException(resource, e);
        }
    }
}

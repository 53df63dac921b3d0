package org.susong.eligibility.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 2: every payable measure has a budget line for each year it is valid. The source: 2024-2026年统筹不少于
 * 300亿元的财政科技资金 (C1: fiscal S&T money over 2024-2026) pays the measures' money; a measure decided and approved
 * without a line (B2 until issue 25) left its orders waiting for ever. A plain unit test that reads both seeds:
 * eligibility's catalogue (its own resource) and payments' budget lines, by relative path from this module
 * (services/eligibility -> ../payments/src/main/resources/seed/budget-lines.json), because payments' seed is the
 * only place lines are created and eligibility holds no projection of payments' lines (publication cannot check it).
 */
class BudgetLinesCoverageTest {

    static final Path BUDGET_LINES = Path.of("..", "payments", "src", "main", "resources", "seed", "budget-lines.json");

    @Test
    void every_payable_measure_has_a_budget_line_for_each_year_it_is_valid() throws Exception {
        JsonNode seed = new ObjectMapper().readTree(Files.readString(BUDGET_LINES));
        Set<Integer> years = new HashSet<>();
        seed.get("years").forEach(y -> years.add(y.asInt()));
        Map<String, Long> allocated = new HashMap<>();
        seed.get("lines").forEach(l -> allocated.put(l.get("measureCode").asText(), l.get("allocatedFen").asLong()));
        List<String> missing = new ArrayList<>();
        int payable = 0;
        for (Measure m : SeedCatalogue.MEASURES.values()) {
            if (m.status() != MeasureStatus.OPEN) {
                continue; // INFORMATIONAL measures take no applications and pay nothing
            }
            payable++;
            for (int year = m.validFrom().getYear(); year <= m.validTo().getYear(); year++) {
                if (!years.contains(year) || allocated.getOrDefault(m.budgetLine(), 0L) <= 0) {
                    missing.add(m.code() + " (line " + m.budgetLine() + ") in " + year);
                }
            }
        }
        assertTrue(payable >= 6, "the catalogue's OPEN measures were read: " + payable);
        assertEquals(List.of(), missing, "payable measures without a budget line in payments' seed");
    }
}

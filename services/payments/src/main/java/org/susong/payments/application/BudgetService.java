package org.susong.payments.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.susong.payments.persistence.BudgetLineRepository;

/** Budget lines: seeding the 2024-2026 lines and reading a year. */
@ApplicationScoped
public class BudgetService {

    public record SeedResult(List<String> created, List<String> existing) {
    }

    private final BudgetLineRepository lines;
    private final ObjectMapper json;

    BudgetService(BudgetLineRepository lines, ObjectMapper json) {
        this.lines = lines;
        this.json = json;
    }

    public SeedResult seed(String actor) {
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        try (InputStream in = BudgetService.class.getResourceAsStream("/seed/budget-lines.json")) {
            JsonNode seed = json.readTree(in);
            for (JsonNode line : seed.get("lines")) {
                for (JsonNode year : seed.get("years")) {
                    String id = year.asInt() + ":" + line.get("measureCode").asText();
                    boolean inserted = lines.insert(new BudgetLineRepository.Line(id, year.asInt(),
                            line.get("measureCode").asText(), line.get("allocatedFen").asLong(), 0, 0,
                            line.get("allocatedFen").asLong(), line.get("placeholder").asBoolean(),
                            line.get("note").asText()), actor);
                    (inserted ? created : existing).add(id);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the budget seed cannot be read", e);
        }
        return new SeedResult(created, existing);
    }

    public List<BudgetLineRepository.Line> year(int year) {
        return lines.forYear(year);
    }
}

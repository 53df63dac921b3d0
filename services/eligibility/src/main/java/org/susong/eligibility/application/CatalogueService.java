package org.susong.eligibility.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.domain.MeasureStatus;
import org.susong.eligibility.messaging.out.EligibilityEvents;
import org.susong.eligibility.persistence.MeasureRepository;

/** The measure catalogue: seeding version 1 of every measure of domain.md, and reading it. */
@ApplicationScoped
public class CatalogueService {

    public record SeedResult(List<String> created, List<String> existing) {
    }

    private final MeasureRepository measures;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;

    CatalogueService(MeasureRepository measures, OutboxRelay relay, ObjectMapper json, Clock clock) {
        this.measures = measures;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
    }

    /** Inserts each measure of the seed file that does not exist yet, with its MeasurePublished event. */
    public SeedResult seed(String actor) {
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        for (Measure measure : readSeed()) {
            var outbox = Outbox.entries(json, 0, List.of(EligibilityEvents.measurePublished(measure, actor)), clock.instant());
            if (measures.insertFirst(measure, outbox)) {
                created.add(measure.code());
                relay.publishSoon(MeasureRepository.COLLECTION, measure.code());
            } else {
                existing.add(measure.code());
            }
        }
        return new SeedResult(created, existing);
    }

    public List<Measure> all() {
        return measures.all();
    }

    public Optional<Measure> find(String code) {
        return measures.find(code);
    }

    private List<Measure> readSeed() {
        try (InputStream in = CatalogueService.class.getResourceAsStream("/seed/measures.json")) {
            List<Measure> result = new ArrayList<>();
            for (JsonNode m : json.readTree(in).get("measures")) {
                List<String> types = new ArrayList<>();
                m.get("beneficiaryTypes").forEach(t -> types.add(t.asText()));
                List<String> facts = new ArrayList<>();
                m.get("requiredFacts").forEach(t -> facts.add(t.asText()));
                List<String> placeholders = new ArrayList<>();
                m.get("placeholders").forEach(t -> placeholders.add(t.asText()));
                result.add(new Measure(m.get("code").asText(), 1, m.get("titleZh").asText(), m.get("titleEn").asText(),
                        MeasureStatus.valueOf(m.get("status").asText()), types, LocalDate.parse(m.get("validFrom").asText()),
                        LocalDate.parse(m.get("validTo").asText()), facts, m.get("rule").asText(),
                        m.get("sourceRule").asText(), m.get("capFen").isNull() ? null : m.get("capFen").asLong(),
                        m.get("capPeriod").isNull() ? null : m.get("capPeriod").asText(), m.get("budgetLine").asText(),
                        m.get("disbursementMode").asText(), placeholders));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("the measure catalogue seed cannot be read", e);
        }
    }
}

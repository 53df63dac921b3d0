package org.susong.eligibility.application;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.seed.Seeder;
import org.susong.eligibility.domain.CompiledRule;
import org.susong.eligibility.domain.LegalCeilings;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.domain.MeasureProposal;
import org.susong.eligibility.domain.RuleEngine;
import org.susong.eligibility.messaging.out.EligibilityEvents;
import org.susong.eligibility.persistence.MeasureRepository;
import org.susong.eligibility.domain.CapPeriod;
import org.susong.eligibility.domain.DisbursementMode;
import org.susong.eligibility.domain.RuleKind;

/**
 * The measure catalogue: seeding version 1 of every measure of docs/policy.md, publishing new versions
 * (administrators), and the compiled rule of each version - compiled once per version and kept,
 * since a published version never changes.
 */
@ApplicationScoped
public class CatalogueService implements Seeder {

    public record Published(String code, int version, String ruleVersion) {
    }

    private final MeasureRepository measures;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;
    private final FactsValidator facts;
    private final Map<String, CompiledRule> compiled = new ConcurrentHashMap<>();
    private final Map<String, Measure> versions = new ConcurrentHashMap<>();
    private final Map<String, Measure> sourced = new ConcurrentHashMap<>();

    CatalogueService(MeasureRepository measures, OutboxRelay relay, ObjectMapper json, Clock clock, FactsValidator facts) {
        this.measures = measures;
        this.relay = relay;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.clock = clock;
        this.facts = facts;
    }

    /** Inserts each measure of the seed file that does not exist yet, with its MeasurePublished event. */
    @Override
    public SeedResult seed(String actor) {
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        for (Measure measure : readSeed()) {
            validate(measure);
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

    /** A measure version proposed by one administrator, published only when another approves it. */
    public record Proposed(String code, String proposalId, int basedOnVersion, String proposedBy, String state) {
    }

    /**
     * Proposes the next version of a measure (maker-checker: nothing is published yet). The definition is checked
     * first (CEL compiles, facts schema is a schema, ceilings within the catalogue's sourced limits), so a proposal
     * that could never be published is refused at once.
     */
    public Proposed propose(String code, Measure definition, String proposedBy) {
        if (definition.code() != null && !definition.code().equals(code)) {
            throw ProblemException.badRequest("code", "the body names measure '" + definition.code() + "', the path '" + code + "'");
        }
        Measure current = measures.find(code).orElseThrow(() -> ProblemException.notFound("measure", code));
        Measure next = new Measure(code, current.version() + 1, definition.titleZh(), definition.titleEn(),
                definition.status(), definition.beneficiaryTypes(), definition.validFrom(), definition.validTo(),
                definition.requiredFacts(), definition.factsSchema(), definition.rule(), definition.sourceRule(),
                definition.capFen(), definition.capPeriod(), definition.capGroup(), definition.capYearBasis(),
                definition.capKey(), definition.claimKey(), definition.budgetLine(), definition.disbursementMode(), definition.fundCode(),
                definition.fallback(), definition.exclusionGroup(), definition.placeholders(), definition.readings());
        validate(next);
        String proposalId = "MP-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (!measures.propose(code, proposalId, next, current.version(), proposedBy, Date.from(clock.instant()))) {
            throw ProblemException.conflict("proposal " + proposalId + " exists already; propose again");
        }
        return new Proposed(code, proposalId, current.version(), proposedBy, MeasureProposal.State.PROPOSED.stored());
    }

    public Optional<MeasureProposal> proposal(String code, String proposalId) {
        return measures.proposal(code, proposalId);
    }

    /**
     * Publishes a proposed version when a second administrator approves it: {@code approver} (a principal id)
     * must not be the proposer. One write, guarded by the version the proposal followed and by the proposal still
     * being open, so a proposal is published once and never over a version published meanwhile (409: propose
     * again). Decisions already made keep the version they pinned.
     */
    public Published approve(String code, String proposalId, String approver, String actor) {
        MeasureProposal proposal = measures.proposal(code, proposalId)
                .orElseThrow(() -> ProblemException.notFound("measure proposal", proposalId));
        if (proposal.state() != MeasureProposal.State.PROPOSED) {
            throw ProblemException.conflict("proposal " + proposalId + " is " + proposal.state())
                    .with("approvedBy", proposal.approvedBy());
        }
        if (proposal.proposedBy().equals(approver)) {
            throw ProblemException.conflict("maker-checker: " + approver + " proposed this version; a second, different"
                    + " administrator approves it");
        }
        Measure next = proposal.definition();
        validate(next);
        var outbox = Outbox.entries(json, next.version(), List.of(EligibilityEvents.measurePublished(next, actor)),
                clock.instant());
        if (!measures.publishProposal(next, proposal.basedOn(), outbox, proposalId, approver, Date.from(clock.instant()))) {
            throw ProblemException.conflict("measure " + code + " moved past version " + proposal.basedOn()
                    + ", or proposal " + proposalId + " was decided meanwhile; read it again and propose anew");
        }
        relay.publishSoon(MeasureRepository.COLLECTION, code);
        return new Published(code, next.version(), next.ruleVersion());
    }

    private void validate(Measure m) {
        requireWithinSource(m);
        if (m.titleZh() == null || m.titleEn() == null || m.status() == null || m.validFrom() == null
                || m.validTo() == null || m.budgetLine() == null || m.disbursementMode() == null) {
            throw ProblemException.badRequest("measure", "titleZh, titleEn, status, validFrom, validTo, budgetLine and"
                    + " disbursementMode are required");
        }
        if (m.validTo().isBefore(m.validFrom())) {
            throw ProblemException.badRequest("validTo", "validTo " + m.validTo() + " lies before validFrom " + m.validFrom());
        }
        if (m.disbursement() == DisbursementMode.INVESTMENT && m.status() != org.susong.eligibility.domain.MeasureStatus.INFORMATIONAL
                && m.fundCode() == null) {
            throw ProblemException.badRequest("fundCode", "an INVESTMENT measure names the fund it pays into");
        }
        if (m.rule().knownKind().isEmpty()) {
            throw ProblemException.badRequest("rule.kind", "rule.kind must be NONE, CEL or MANUAL_REVIEW");
        }
        if (m.rule().ruleKind() == RuleKind.MANUAL_REVIEW && m.status() == org.susong.eligibility.domain.MeasureStatus.OPEN
                && m.capFen() == null && m.rule().maxFen() == null) {
            // an officer sets the amount (A3): never unbounded, the cap is part of the version
            throw ProblemException.badRequest("capFen", "a MANUAL_REVIEW measure that takes applications names the cap"
                    + " (capFen) or the ceiling (rule.maxFen) an officer's amount stays within");
        }
        if (m.capFen() != null) {
            if (m.capFen() <= 0) {
                throw ProblemException.badRequest("capFen", "a cap must be positive");
            }
            if (m.knownCapPeriod().isEmpty()) {
                throw ProblemException.badRequest("capPeriod", "a cap is per YEAR, PROJECT or CERTIFICATE");
            }
            if (m.period() != CapPeriod.YEAR && (m.capKey() == null || m.capKey().isBlank())) {
                throw ProblemException.badRequest("capKey", "a " + m.capPeriod() + " cap names its project or certificate"
                        + " with a CEL capKey");
            }
        }
        try {
            RuleEngine.compile(m);
        } catch (RuleEngine.RuleCompileException e) {
            throw ProblemException.badRequest(e.field(), e.getMessage());
        }
        facts.checkSchema(m.factsSchema());
        for (int i = 0; i < m.readings().size(); i++) {
            // a reading is shown to the applicant it acts on: it quotes the source, says how it is read in both
            // languages and names what applies it
            Measure.Reading r = m.readings().get(i);
            String missing = blank(r.name()) ? "name" : blank(r.sourceZh()) ? "sourceZh" : blank(r.en()) ? "en"
                    : blank(r.zh()) ? "zh" : r.governs().isEmpty() ? "governs" : null;
            if (missing != null) {
                throw ProblemException.badRequest("readings[" + i + "]." + missing, "a reading has a name, quotes the"
                        + " source's phrase (sourceZh), says how it is read (en, zh) and names the fields or criteria"
                        + " that apply it (governs)");
            }
        }
        Measure.Rule rule = m.rule();
        if (rule.params().get("tiers") instanceof Map<?, ?> tiers) {
            tiers.forEach((name, value) -> {
                long fen = ((Number) value).longValue();
                if ((rule.minFen() != null && fen < rule.minFen()) || (rule.maxFen() != null && fen > rule.maxFen())) {
                    throw ProblemException.badRequest("rule.params.tiers." + name, "tier " + fen + " fen lies outside the"
                            + " source's bounds " + rule.minFen() + "-" + rule.maxFen() + " fen (" + m.code() + ")");
                }
            });
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * The ceilings a version is checked against are the source's legal ceilings ({@link LegalCeilings}: amounts, cap
     * period), never the request's, and the cap group is the seed's (a version on a new group would open a second cap
     * in the same period): a version may narrow {@code rule.minFen}-{@code rule.maxFen} and lower {@code capFen}, not
     * widen, drop or re-count them. The refusal quotes the source's phrase (issue 16 item 6).
     */
    private void requireWithinSource(Measure m) {
        Measure source = sourced().get(m.code());
        LegalCeilings.exceeded(m, source == null ? null : source.capGroup()).ifPresent(refusal -> {
            throw ProblemException.badRequest(refusal.getKey(), refusal.getValue());
        });
    }

    private Map<String, Measure> sourced() {
        if (sourced.isEmpty()) {
            readSeed().forEach(m -> sourced.putIfAbsent(m.code(), m));
        }
        return sourced;
    }

    public List<Measure> all() {
        return measures.all();
    }

    /** The current version: its number is read each time (another replica may have published), its content is cached. */
    public Optional<Measure> find(String code) {
        return measures.currentVersion(code).flatMap(v -> findVersion(code, v));
    }

    /** A published version (immutable, so cached once read). */
    public Optional<Measure> findVersion(String code, int version) {
        Measure cached = versions.get(code + "@" + version);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Measure> read = measures.findVersion(code, version);
        read.ifPresent(m -> versions.put(m.ruleVersion(), m));
        return read;
    }

    /** The compiled rule of a measure version (compiled on first use, then kept: versions are immutable). */
    public CompiledRule compiled(Measure measure) {
        return compiled.computeIfAbsent(measure.ruleVersion(), v -> RuleEngine.compile(measure));
    }

    private List<Measure> readSeed() {
        try (InputStream in = CatalogueService.class.getResourceAsStream("/seed/measures.json")) {
            List<Measure> result = new ArrayList<>();
            for (JsonNode m : json.readTree(in).get("measures")) {
                result.add(json.treeToValue(m, Measure.class).withVersion(1));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("the measure catalogue seed cannot be read", e);
        }
    }
}

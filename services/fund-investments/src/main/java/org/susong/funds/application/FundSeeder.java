package org.susong.funds.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.money.Money;
import org.susong.funds.config.FundsConfig;
import org.susong.funds.config.SeedConfig;
import org.susong.funds.domain.Capital;
import org.susong.funds.domain.CapitalSource;
import org.susong.funds.domain.Fund;
import org.susong.funds.domain.FundKind;
import org.susong.funds.domain.Instrument;
import org.susong.funds.domain.Stage;
import org.susong.funds.messaging.out.InvestmentEvents;
import org.susong.funds.persistence.FundRepository;

/**
 * Seeds the government funds of measure C2 from a JSON resource. Safe to run twice and from two
 * replicas at once: each fund is inserted under its deterministic id and a duplicate key means it
 * is already there. A fund already there is left as it is (its counters may have moved).
 */
@ApplicationScoped
public class FundSeeder {

    private static final Logger LOG = Logger.getLogger(FundSeeder.class);

    /** What a seeding run did. */
    public record SeedReport(List<String> created, List<String> existing) {
    }

    /** The seed file: see src/main/resources/seed/funds.json. */
    record SeedFile(int seedVersion, String note, List<SeedFund> funds) {
    }

    /**
     * One fund of the seed file. {@code reserveBasisPoints} may be null (the configured default
     * applies); {@code placeholder} must be true unless {@code source} gives the figures.
     */
    record SeedFund(String id, String nameZh, String nameEn, FundKind kind, String parentFundId, String manager,
                    long targetSizeFen,
                    Map<CapitalSource, SeedCapital> capital, Integer reserveBasisPoints, List<Stage> stages,
                    List<String> fields, List<Instrument> instruments, boolean inHundredBillionTarget,
                    boolean placeholder, String placeholderNote, String source) {
    }

    record SeedCapital(long committedFen, long paidInFen) {
    }

    private final FundRepository funds;
    private final SeedConfig seedConfig;
    private final FundsConfig fundsConfig;
    private final ObjectMapper json;
    private final Clock clock;

    FundSeeder(FundRepository funds, SeedConfig seedConfig, FundsConfig fundsConfig, ObjectMapper json, Clock clock) {
        this.funds = funds;
        this.seedConfig = seedConfig;
        this.fundsConfig = fundsConfig;
        this.json = json;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        if (seedConfig.onStart()) {
            SeedReport report = seed();
            LOG.infof("funds seeded at start-up: created %s, already there %s", report.created(), report.existing());
        }
    }

    public SeedReport seed() {
        SeedFile file = read();
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        List<String> ids = file.funds().stream().map(SeedFund::id).toList();
        for (SeedFund entry : file.funds()) {
            if (entry.parentFundId() != null && !ids.contains(entry.parentFundId())) {
                throw new IllegalStateException("seed fund " + entry.id() + " names an unknown parent " + entry.parentFundId());
            }
        }
        for (SeedFund entry : file.funds()) {
            Fund fund = toFund(entry);
            Instant now = clock.instant();
            if (funds.insertIfAbsent(fund, file.seedVersion(), now, Outbox.entries(json, 0,
                    List.of(InvestmentEvents.scopePublished(fund, "system:seed", now)), now))) {
                created.add(entry.id());
            } else {
                existing.add(entry.id());
            }
        }
        return new SeedReport(List.copyOf(created), List.copyOf(existing));
    }

    /** The funds the seed file describes, checked but not stored (also used by tests). */
    public List<Fund> seedFunds() {
        return read().funds().stream().map(this::toFund).toList();
    }

    private Fund toFund(SeedFund s) {
        if (!s.placeholder() && (s.source() == null || s.source().isBlank())) {
            throw new IllegalStateException("seed fund " + s.id() + " gives figures without a source: mark them"
                    + " placeholder (docs/policy.md gives no fund sizes)");
        }
        Map<CapitalSource, Capital> capital = new EnumMap<>(CapitalSource.class);
        s.capital().forEach((source, c) -> capital.put(source, Capital.of(c.committedFen(), c.paidInFen())));
        int reserve = s.reserveBasisPoints() == null ? fundsConfig.defaultReserveBasisPoints() : s.reserveBasisPoints();
        return Fund.open(s.id(), new Fund.Names(s.nameZh(), s.nameEn()), s.kind(), s.parentFundId(), s.manager(),
                Money.ofFen(s.targetSizeFen()), capital, reserve,
                new Fund.Mandate(EnumSet.copyOf(s.stages()), s.fields(), EnumSet.copyOf(s.instruments())),
                s.inHundredBillionTarget(), new Fund.Provenance(s.placeholder(), s.placeholderNote()));
    }

    private SeedFile read() {
        String resource = seedConfig.fundsResource();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("seed resource " + resource + " is not on the class path");
            }
            return json.readValue(in, SeedFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("seed resource " + resource + " cannot be read", e);
        }
    }
}

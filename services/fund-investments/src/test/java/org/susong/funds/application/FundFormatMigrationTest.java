package org.susong.funds.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.susong.commons.persistence.migrations.MigrationRunner;
import org.susong.commons.persistence.migrations.SchemaMigrations;
import org.susong.commons.time.BusinessClock;
import org.susong.funds.domain.CapitalMovement;
import org.susong.funds.domain.CapitalSource;
import org.susong.funds.domain.Conversion;
import org.susong.funds.domain.Fund;
import org.susong.funds.persistence.FundRepository;
import org.susong.testing.LocalInfraTestResource;

/** Fund documents of the first seed format (capital as an array) are brought to the current format at start-up. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class FundFormatMigrationTest {

    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;
    @Inject
    SchemaMigrations schema;
    @Inject
    FundRepository funds;
    @Inject
    CapitalService capital;
    @Inject
    ConversionService conversions;
    @Inject
    Clock clock;

    /** A fund as seedVersion 1 wrote it: capital an array of {source, committedFen, paidInFen}; no called, uncommitted, converted. */
    static Document firstFormat(String id) {
        return new Document("_id", id).append("nameZh", "首版格式基金").append("nameEn", "First-format fund")
                .append("kind", "VENTURE").append("manager", "TBD").append("targetSizeFen", 1_000_000_000_000L)
                .append("capital", List.of(
                        new Document("source", "CITY_FISCAL").append("committedFen", 100_000_000_000L)
                                .append("paidInFen", 50_000_000_000L),
                        new Document("source", "SOCIAL_CAPITAL").append("committedFen", 100_000_000_000L)
                                .append("paidInFen", 0L)))
                .append("committedFen", 200_000_000_000L).append("paidInFen", 50_000_000_000L)
                .append("reserveBasisPoints", 1000).append("reserveFen", 5_000_000_000L).append("investedFen", 0L)
                .append("availableFen", 45_000_000_000L).append("investmentCount", 0L)
                .append("stages", List.of("START_UP")).append("fields", List.of()).append("instruments", List.of("EQUITY"))
                .append("status", "OPEN").append("inHundredBillionTarget", false).append("placeholder", false)
                .append("placeholderNote", null).append("applied", List.of()).append("seedVersion", 1);
    }

    @Test
    void a_fund_of_the_first_seed_format_takes_commitments_calls_payments_and_conversions_after_the_start_up_migration() {
        // given a fund document of the first seed format, written directly into the store
        String id = "FUND-FIRST-FORMAT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        mongo.getDatabase(database).getCollection(FundRepository.COLLECTION).insertOne(firstFormat(id));

        // when the service starts on a store of a build before the migration runner (nothing recorded)
        mongo.getDatabase(database).getCollection(MigrationRunner.COLLECTION)
                .deleteOne(new Document("_id", "0001-fund-capital-by-source"));
        assertEquals(List.of("0001-fund-capital-by-source"), schema.run().ran(), "the start-up runs the step");
        assertEquals(List.of(), schema.run().ran(), "a second start runs nothing");
        assertEquals(0, funds.migrateFirstFormat(), "the step run again (a crash before it was recorded) changes nothing");
        assertEquals(2, mongo.getDatabase(database).getCollection(MigrationRunner.COLLECTION)
                .find(new Document("_id", "format:funds")).first().getInteger("formatVersion"));

        // then it takes a commitment, a call, its payment and a conversion
        LocalDate today = LocalDate.now(clock.withZone(BusinessClock.ZONE));
        assertEquals(CapitalMovement.State.APPLIED, capital.commit(FundInvariants.ADMIN, id, CapitalSource.SOCIAL_CAPITAL,
                10_000_000, today, "after migration").state());
        String callId = capital.call(FundInvariants.ADMIN, id, CapitalSource.SOCIAL_CAPITAL, 10_000_000, today, "call").id();
        assertEquals(CapitalMovement.State.APPLIED, capital.payIn(FundInvariants.ADMIN, id, callId, today, "paid").state());
        assertEquals(Conversion.ConversionState.COMPLETED,
                conversions.onRequested(StalledWritersTest.conversion(id, 2_000_000)).state());

        // and its capital is what the first format said plus what moved since (called = paid-in at seeding)
        Fund fund = funds.find(id).orElseThrow();
        assertEquals(200_000_000_000L + 10_000_000 + 2_000_000, fund.committed().fen());
        assertEquals(50_000_000_000L + 10_000_000 + 2_000_000, fund.called().fen());
        assertEquals(50_000_000_000L + 10_000_000 + 2_000_000, fund.paidIn().fen());
        assertEquals(100_000_000_000L, fund.capital().get(CapitalSource.SOCIAL_CAPITAL).uncalled().fen());
        assertEquals(2_000_000, fund.converted().fen());
        assertEquals(45_000_000_000L + 9_000_000, funds.available(id).orElseThrow().fen());
        FundInvariants.assertBalanced(funds, id);
    }
}

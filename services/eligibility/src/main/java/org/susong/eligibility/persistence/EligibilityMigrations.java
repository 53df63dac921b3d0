package org.susong.eligibility.persistence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.persistence.migrations.Migration;
import org.susong.commons.persistence.migrations.ServiceMigrations;
import org.susong.eligibility.domain.CallState;

/**
 * The stored formats of eligibility and the steps from older ones (issue 21 item 6, run by commons'
 * SchemaMigrations before the consumers start).
 */
@ApplicationScoped
public class EligibilityMigrations implements ServiceMigrations {

    @Override
    public Map<String, Integer> formatVersions() {
        return Map.ofEntries(Map.entry(DecisionRepository.COLLECTION, 2), Map.entry(MeasureRepository.COLLECTION, 1),
                Map.entry(AwardRepository.COLLECTION, 1), Map.entry(ContractRegistryRepository.COLLECTION, 1),
                Map.entry(FundScopeRepository.COLLECTION, 1), Map.entry("cap_ledgers", 1), Map.entry("cap_intents", 1),
                Map.entry(CertificationListRepository.COLLECTION, 1), Map.entry(CertificationListRepository.IMPORTS, 1),
                Map.entry(CallRepository.COLLECTION, 2), Map.entry(CallRepository.ENTRIES, 1),
                Map.entry(ApplicantDistrictRepository.COLLECTION, 1), Map.entry(LineJournal.COLLECTION, 1));
    }

    @Override
    public List<Migration> migrations() {
        return List.of(new Migration("0001-decision-judged-on",
                "decisions stored before judgedOn existed were judged on their businessDate: write it",
                EligibilityMigrations::decisionJudgedOn),
                new Migration("0002-call-decisions-pending", "calls CANCELLED or RANKING stored before decisionsPending "
                        + "existed: mark them for the call resumer", EligibilityMigrations::callDecisionsPending));
    }

    /**
     * Calls CANCELLED or RANKING written by a build before {@code decisionsPending} existed (issue 19): marked pending
     * as of their state's write, so the resumer reads them once and writes what a crash may have left unwritten (for
     * most, nothing: it then only marks them decided). Deciding is the service's, not a migration's: this step only
     * marks. Idempotent: it reads and updates only calls with neither the marker nor {@code decisionsAt}.
     */
    public static long callDecisionsPending(MongoDatabase database) {
        MongoCollection<Document> calls = database.getCollection(CallRepository.COLLECTION);
        Bson unmarked = Filters.and(Filters.in("state", CallState.CANCELLED.stored(), CallState.RANKING.stored()),
                Filters.exists(CallRepository.DECISIONS_PENDING, false), Filters.exists("decisionsAt", false));
        long changed = 0;
        for (Document c : calls.find(unmarked).projection(Projections.include("state", "cancelledAt", "rankedAt"))
                .into(new ArrayList<>())) {
            Date at = c.getDate(CallState.CANCELLED.stored().equals(c.getString("state")) ? "cancelledAt" : "rankedAt");
            changed += calls.updateOne(Filters.and(Filters.eq("_id", c.get("_id")), unmarked),
                    Updates.set(CallRepository.DECISIONS_PENDING, at == null ? new Date(0) : at)).getModifiedCount();
        }
        return changed;
    }

    /** Idempotent: reads only decisions without judgedOn, and each update is conditional on it still missing. */
    static long decisionJudgedOn(MongoDatabase database) {
        MongoCollection<Document> decisions = database.getCollection(DecisionRepository.COLLECTION);
        long changed = 0;
        for (Document d : decisions.find(Filters.and(Filters.exists("judgedOn", false), Filters.exists("businessDate", true)))
                .projection(Projections.include("businessDate")).into(new ArrayList<>())) {
            changed += decisions.updateOne(Filters.and(Filters.eq("_id", d.get("_id")), Filters.exists("judgedOn", false)),
                    Updates.set("judgedOn", d.getString("businessDate"))).getModifiedCount();
        }
        return changed;
    }
}

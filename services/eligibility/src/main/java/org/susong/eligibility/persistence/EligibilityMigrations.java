package org.susong.eligibility.persistence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.susong.commons.persistence.migrations.Migration;
import org.susong.commons.persistence.migrations.ServiceMigrations;

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
                Map.entry(CallRepository.COLLECTION, 1), Map.entry(CallRepository.ENTRIES, 1),
                Map.entry(ApplicantDistrictRepository.COLLECTION, 1));
    }

    @Override
    public List<Migration> migrations() {
        return List.of(new Migration("0001-decision-judged-on",
                "decisions stored before judgedOn existed were judged on their businessDate: write it",
                EligibilityMigrations::decisionJudgedOn));
    }

    /** Stub (issue 19): calls CANCELLED or RANKING stored before the marker existed, built next. */
    public static long callDecisionsPending(MongoDatabase database) {
        return 0;
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

package org.susong.eligibility.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.susong.commons.ids.District;
import org.susong.commons.persistence.MongoErrors;

/**
 * The projection of applications' {@code ApplicantDistrictChanged.v1} ({@code applicant_districts}, one document per
 * applicant that ever moved): the district it moved to, the change and when it took effect. Idempotent and
 * order-proof: a write applies only over an earlier {@code effectiveAt} (a redelivered or late older change changes
 * nothing). An applicant that never moved has no document: its submissions' district is its district.
 */
@ApplicationScoped
public class ApplicantDistrictRepository {

    public static final String COLLECTION = "applicant_districts";

    /** Where an applicant is now, since when, by which approved change. */
    public record Moved(String uscc, District district, String changeId, Instant effectiveAt) {
    }

    private final MongoCollection<Document> districts;

    ApplicantDistrictRepository(MongoDatabase database) {
        this.districts = database.getCollection(COLLECTION);
    }

    public Optional<Moved> find(String uscc) {
        return Optional.ofNullable(districts.find(Filters.eq("_id", uscc)).first()).map(ApplicantDistrictRepository::moved);
    }

    /** The moves of these applicants, by USCC (those that never moved are absent): one query. */
    public Map<String, Moved> findAll(Collection<String> usccs) {
        Map<String, Moved> found = new HashMap<>();
        if (!usccs.isEmpty()) {
            districts.find(Filters.in("_id", Set.copyOf(usccs))).forEach(d -> found.put(d.getString("_id"), moved(d)));
        }
        return found;
    }

    private static Moved moved(Document d) {
        return new Moved(d.getString("_id"), District.valueOf(d.getString("district")), d.getString("changeId"),
                d.getDate("effectiveAt").toInstant());
    }

    /**
     * Keeps the move unless one that took effect at the same time or later is kept already: one conditional upsert (the
     * filter misses a newer document, and the insert it then tries fails on the id).
     *
     * @return whether the move was written
     */
    public boolean apply(Moved moved) {
        return MongoErrors.upsertIfNewer(districts, Filters.and(Filters.eq("_id", moved.uscc()),
                        Filters.lt("effectiveAt", Date.from(moved.effectiveAt()))),
                Updates.combine(Updates.set("district", moved.district().name()), Updates.set("changeId", moved.changeId()),
                        Updates.set("effectiveAt", Date.from(moved.effectiveAt()))));
    }

}

package org.susong.payments.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.susong.commons.ids.District;
import org.susong.commons.persistence.MongoErrors;
import org.susong.payments.domain.ApplicantDistrict;
import org.susong.payments.domain.ApplicantName;

/**
 * Payments' projections of applications' applicant changes (issue 20 item 6), one document per applicant that changed:
 * {@code applicant_districts} (the district it moved to last) and {@code applicant_names} (its registered name after
 * its last rename). Idempotent and order-proof: a write applies only over an earlier {@code effectiveAt}, so a
 * redelivered or late older change writes nothing. An applicant that never changed has no document.
 */
@ApplicationScoped
public class ApplicantRepository {

    public static final String DISTRICTS = "applicant_districts";
    public static final String NAMES = "applicant_names";

    private final MongoCollection<Document> districts;
    private final MongoCollection<Document> names;

    ApplicantRepository(MongoDatabase database) {
        this.districts = database.getCollection(DISTRICTS);
        this.names = database.getCollection(NAMES);
    }

    /** Secondary index: the applicants that moved to a district (what its officers read besides their district's). */
    void indexes(@Observes StartupEvent event) {
        districts.createIndex(Indexes.ascending("district"));
    }

    /**
     * Keeps the move unless one that took effect at the same time or later is kept already (one conditional upsert;
     * commons' {@link MongoErrors#upsertIfNewer}).
     *
     * @return whether the move was written
     */
    public boolean keep(ApplicantDistrict moved) {
        return MongoErrors.upsertIfNewer(districts, Filters.and(Filters.eq("_id", moved.uscc()),
                        Filters.lt("effectiveAt", Date.from(moved.effectiveAt()))),
                Updates.combine(Updates.set("district", moved.district().name()), Updates.set("changeId", moved.changeId()),
                        Updates.set("effectiveAt", Date.from(moved.effectiveAt()))));
    }

    /** As {@link #keep(ApplicantDistrict)}, for a rename. */
    public boolean keep(ApplicantName renamed) {
        return MongoErrors.upsertIfNewer(names, Filters.and(Filters.eq("_id", renamed.uscc()),
                        Filters.lt("effectiveAt", Date.from(renamed.effectiveAt()))),
                Updates.combine(Updates.set("name", renamed.name()), Updates.set("changeId", renamed.changeId()),
                        Updates.set("effectiveAt", Date.from(renamed.effectiveAt()))));
    }

    public Optional<ApplicantDistrict> district(String uscc) {
        return Optional.ofNullable(districts.find(Filters.eq("_id", uscc)).first()).map(ApplicantRepository::district);
    }

    /** The moves of these applicants, by USCC (those that never moved are absent): one read. */
    public Map<String, ApplicantDistrict> districts(Collection<String> usccs) {
        Map<String, ApplicantDistrict> found = new HashMap<>();
        if (!usccs.isEmpty()) {
            districts.find(Filters.in("_id", Set.copyOf(usccs))).forEach(d -> found.put(d.getString("_id"), district(d)));
        }
        return found;
    }

    /** The applicants whose last move took them to this district. */
    public Set<String> movedTo(District district) {
        Set<String> usccs = new HashSet<>();
        districts.find(Filters.eq("district", district.name())).forEach(d -> usccs.add(d.getString("_id")));
        return usccs;
    }

    public Optional<ApplicantName> name(String uscc) {
        return Optional.ofNullable(names.find(Filters.eq("_id", uscc)).first()).map(ApplicantRepository::name);
    }

    /** The renames of these applicants, by USCC (those never renamed are absent): one read. */
    public Map<String, ApplicantName> names(Collection<String> usccs) {
        Map<String, ApplicantName> found = new HashMap<>();
        if (!usccs.isEmpty()) {
            names.find(Filters.in("_id", Set.copyOf(usccs))).forEach(d -> found.put(d.getString("_id"), name(d)));
        }
        return found;
    }

    private static ApplicantDistrict district(Document d) {
        return new ApplicantDistrict(d.getString("_id"), District.valueOf(d.getString("district")), d.getString("changeId"),
                d.getDate("effectiveAt").toInstant());
    }

    private static ApplicantName name(Document d) {
        return new ApplicantName(d.getString("_id"), d.getString("name"), d.getString("changeId"),
                d.getDate("effectiveAt").toInstant());
    }
}

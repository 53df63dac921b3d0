package org.susong.applications.persistence;

import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;
import org.susong.applications.config.ApplicationsConfig;
import org.susong.applications.domain.Application;
import org.susong.commons.persistence.MongoErrors;

/**
 * Application documents written before {@code createdAt}, {@code period} and {@code openSlot}
 * existed (they have {@code submittedAt}/{@code submittedBy} instead): without the fields the list
 * queries, the year filter and the duplicate rule pass over them, and their idempotency record, which
 * has no expiry, is never purged. A start-up step writes the missing fields once per document (the
 * filter is "no createdAt", so a second start-up, or a second replica, finds nothing to do). Run as step 0001 of
 * {@link ApplicationsMigrations}.
 */
@ApplicationScoped
public class LegacyApplications {

    private static final Logger LOG = Logger.getLogger(LegacyApplications.class);

    private final ApplicationRepository repository;
    private final ApplicationsConfig config;

    LegacyApplications(ApplicationRepository repository, ApplicationsConfig config) {
        this.repository = repository;
        this.config = config;
    }

    /** After the unique openSlot index exists, so a taken slot is found by it. @return how many documents were migrated */
    public long migrate() {
        long migrated = 0;
        List<Document> legacy = repository.collection().find(Filters.and(Filters.exists("createdAt", false),
                Filters.exists("submittedAt", true))).into(new ArrayList<>());
        for (Document d : legacy) {
            try {
                migrated += migrate(d);
            } catch (RuntimeException e) { // one unreadable document must not keep the service from starting
                LOG.errorf(e, "application document %s could not be migrated", d.get("_id"));
            }
        }
        return migrated;
    }

    private long migrate(Document d) {
        Application application = ApplicationRepository.fromDocument(d);
        Document fields = repository.toDocument(application);
        fields.remove("_id");
        Object slot = fields.remove("openSlot");
        List<Bson> updates = new ArrayList<>();
        fields.forEach((k, v) -> updates.add(Updates.set(k, v)));
        if (d.containsKey("idempotencyKey") && !d.containsKey("idempotencyExpiresAt")) {
            updates.add(Updates.set("idempotencyExpiresAt", Date.from(application.createdAt()
                    .plus(config.idempotency().retention()))));
        }
        Bson once = Filters.and(Filters.eq("_id", application.id()), Filters.exists("createdAt", false));
        List<Bson> withSlot = new ArrayList<>(updates);
        if (slot != null) {
            withSlot.add(Updates.set("openSlot", slot));
        }
        try {
            return repository.collection().updateOne(once, Updates.combine(withSlot)).getModifiedCount();
        } catch (MongoException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
            LOG.warnf("application %s is open, but slot %s is held by another open application; migrated without it",
                    application.id(), slot);
            return repository.collection().updateOne(once, Updates.combine(updates)).getModifiedCount();
        }
    }
}

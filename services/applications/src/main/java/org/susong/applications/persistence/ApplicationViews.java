package org.susong.applications.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.susong.commons.rest.Page;
import org.susong.applications.domain.Viewed;

/** Who looked at an application and when: one document per view, apart from the application (reads never contend with its writes). */
@ApplicationScoped
public class ApplicationViews {

    private final MongoCollection<Document> views;

    ApplicationViews(MongoDatabase database) {
        this.views = database.getCollection("application_views");
    }

    public void record(Viewed view) {
        views.insertOne(new Document("applicationId", view.applicationId()).append("actor", view.actor())
                .append("at", Date.from(view.at())));
    }

    /** A page of the views in the order they were recorded ({@code _id}); the cursor is the last view's id. */
    public Page<Viewed> of(String applicationId, String cursor, int limit) {
        Bson filter = Filters.eq("applicationId", applicationId);
        if (cursor != null) {
            if (!ObjectId.isValid(cursor)) {
                throw new IllegalArgumentException("not a cursor of this list");
            }
            filter = Filters.and(filter, Filters.gt("_id", new ObjectId(cursor)));
        }
        List<Viewed> result = new ArrayList<>(limit + 1);
        views.find(filter).sort(Sorts.ascending("_id")).limit(limit + 1).forEach(d -> result.add(new Viewed(
                d.getObjectId("_id").toHexString(), d.getString("applicationId"), d.getString("actor"),
                d.getDate("at").toInstant())));
        return Page.ofFetched(result, limit, Viewed::id);
    }
}

package org.susong.applications.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.susong.applications.domain.Viewed;

/** Who looked at an application and when: one document per view, apart from the application (reads never contend with its writes). */
@ApplicationScoped
public class ApplicationViews {

    private final MongoCollection<Document> views;

    ApplicationViews(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.views = mongo.getDatabase(database).getCollection("application_views");
    }

    public void record(Viewed view) {
        views.insertOne(new Document("applicationId", view.applicationId()).append("actor", view.actor())
                .append("at", Date.from(view.at())));
    }

    public List<Viewed> of(String applicationId) {
        List<Viewed> result = new ArrayList<>();
        views.find(Filters.eq("applicationId", applicationId)).sort(Sorts.ascending("at")).forEach(d ->
                result.add(new Viewed(d.getString("applicationId"), d.getString("actor"), d.getDate("at").toInstant())));
        return result;
    }
}

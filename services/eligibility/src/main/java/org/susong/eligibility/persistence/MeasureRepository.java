package org.susong.eligibility.persistence;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxConfig;
import org.susong.commons.persistence.MongoErrors;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.domain.MeasureProposal;

/**
 * The measure catalogue: one document per measure code holding its current version ({@code current}),
 * every published version ({@code versions}, immutable, so a decision can be reproduced under the
 * version it pinned) and its outbox. Publishing a version is one atomic write guarded by the
 * version number the publisher saw.
 */
@ApplicationScoped
public class MeasureRepository {

    public static final String COLLECTION = "measures";

    private final MongoCollection<Document> measures;
    private final ObjectMapper json;
    private final OutboxConfig outbox;

    MeasureRepository(MongoDatabase database,
                      ObjectMapper json, OutboxConfig outbox) {
        this.measures = database.getCollection(COLLECTION);
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.outbox = outbox;
    }

    /** Inserts the first version; false when the measure already exists (seeding twice changes nothing). */
    public boolean insertFirst(Measure measure, List<Document> events) {
        Document version = toDocument(measure);
        Document document = new Document("_id", measure.code()).append("version", measure.version())
                .append("current", version).append("versions", List.of(version));
        document.putAll(Outbox.initialFields(events));
        return MongoErrors.insertIfAbsent(measures, document);
    }

    /**
     * Publishes {@code measure} (version {@code seenVersion + 1}) if the current version is still
     * {@code seenVersion}; false when another publisher was first.
     */
    public boolean publish(Measure measure, int seenVersion, List<Document> events) {
        Document version = toDocument(measure);
        return measures.updateOne(Filters.and(Filters.eq("_id", measure.code()), Filters.eq("version", seenVersion),
                        Outbox.hasRoom(outbox.outboxMaxPending(), events.size())),
                Updates.combine(Updates.set("version", measure.version()), Updates.set("current", version),
                        Updates.push("versions", version), Outbox.append(events))).getModifiedCount() == 1;
    }

    /**
     * Publishes the version proposal {@code proposalId} holds (maker-checker): one write guarded by the version
     * the proposal was based on and by the proposal still being {@code PROPOSED}, which it marks {@code PUBLISHED}
     * by {@code approvedBy}. False when another version came first or the proposal was already decided.
     */
    public boolean publishProposal(Measure measure, int seenVersion, List<Document> events, String proposalId,
                                   String approvedBy, java.util.Date at) {
        String field = "proposals." + proposalId;
        Document version = toDocument(measure);
        return measures.updateOne(Filters.and(Filters.eq("_id", measure.code()), Filters.eq("version", seenVersion),
                        Filters.eq(field + ".state", MeasureProposal.State.PROPOSED.stored()), Outbox.hasRoom(outbox.outboxMaxPending(), events.size())),
                Updates.combine(Updates.set("version", measure.version()), Updates.set("current", version),
                        Updates.push("versions", version), Updates.set(field + ".state",
                                MeasureProposal.State.PROPOSED.moveTo(MeasureProposal.State.PUBLISHED).stored()),
                        Updates.set(field + ".approvedBy", approvedBy), Updates.set(field + ".decidedAt", at),
                        Outbox.append(events))).getModifiedCount() == 1;
    }

    /** Records a proposed version (not yet published): its definition, who proposed it and the version it follows. */
    public boolean propose(String code, String proposalId, Measure definition, int basedOn, String proposedBy,
                           java.util.Date at) {
        Document proposal = new Document("proposalId", proposalId).append("state", MeasureProposal.State.PROPOSED.stored())
                .append("basedOn", basedOn).append("proposedBy", proposedBy).append("proposedAt", at)
                .append("definition", toDocument(definition));
        return measures.updateOne(Filters.and(Filters.eq("_id", code), Filters.exists("proposals." + proposalId, false)),
                Updates.set("proposals." + proposalId, proposal)).getModifiedCount() == 1;
    }

    public Optional<MeasureProposal> proposal(String code, String proposalId) {
        Document d = measures.find(Filters.eq("_id", code)).first();
        Document p = d == null ? null : d.get("proposals", Document.class) == null ? null
                : d.get("proposals", Document.class).get(proposalId, Document.class);
        return Optional.ofNullable(p).map(x -> new MeasureProposal(proposalId, code, MeasureProposal.State.of(x.getString("state")),
                x.get("basedOn", Number.class).intValue(), x.getString("proposedBy"), x.getString("approvedBy"),
                fromDocument(x.get("definition", Document.class))));
    }

    /** The current version number only (a small read; versions themselves never change). */
    public Optional<Integer> currentVersion(String code) {
        return Optional.ofNullable(measures.find(Filters.eq("_id", code)).projection(Projections.include("version")).first())
                .map(d -> d.get("version", Number.class).intValue());
    }

    public Optional<Measure> find(String code) {
        return Optional.ofNullable(measures.find(Filters.eq("_id", code)).first())
                .map(d -> fromDocument(d.get("current", Document.class)));
    }

    /** A published version, as it was published. */
    public Optional<Measure> findVersion(String code, int version) {
        Document d = measures.find(Filters.eq("_id", code)).first();
        if (d == null) {
            return Optional.empty();
        }
        return d.getList("versions", Document.class, List.of()).stream()
                .filter(v -> v.get("version", Number.class).intValue() == version).findFirst().map(this::fromDocument);
    }

    public List<Measure> all() {
        List<Measure> result = new ArrayList<>();
        for (Document d : measures.find().sort(Sorts.ascending("_id"))) {
            result.add(fromDocument(d.get("current", Document.class)));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    Document toDocument(Measure m) {
        return new Document(json.convertValue(m, Map.class));
    }

    Measure fromDocument(Document d) {
        return json.convertValue(d, Measure.class);
    }
}

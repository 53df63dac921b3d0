package org.susong.applications.persistence;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.applications.domain.Application;
import org.susong.applications.domain.ApplicationStatus;
import org.susong.applications.domain.Attachment;
import org.susong.applications.domain.Fact;
import org.susong.applications.domain.PayeeSnapshot;
import org.susong.commons.ids.District;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxConfig;
import org.susong.commons.messaging.OutboxFullException;
import org.susong.commons.messaging.TransientFailure;
import org.susong.commons.idempotency.IdempotencyRecords;
import org.susong.commons.persistence.MongoErrors;
import org.susong.commons.time.BusinessClock;

/**
 * Applications, each one document with its timeline, payee snapshots, idempotency record and
 * outbox. Two unique sparse "slot" fields keep the rules that need more than one document:
 * {@code idempotencyKey} (acting applicant + key) and {@code openSlot} (applicant + measure +
 * period while the application is open: the duplicate rule).
 */
@ApplicationScoped
public class ApplicationRepository {

    public static final String COLLECTION = "applications";

    private final MongoCollection<Document> applications;
    private final int outboxMax;

    ApplicationRepository(MongoDatabase database,
                          OutboxConfig outbox) {
        this.applications = database.getCollection(COLLECTION);
        this.outboxMax = outbox.outboxMaxPending();
    }

    void indexes(@Observes StartupEvent event) {
        createIndexes();
    }

    /** Idempotent (an index that exists is left as it is). */
    void createIndexes() {
        // one application per (applicant, idempotency key); sparse: system-initiated ones have none
        IdempotencyRecords.index(applications);
        // one open application per applicant, measure and period
        applications.createIndex(Indexes.ascending("openSlot"), new IndexOptions().unique(true).sparse(true));
        // portal list queries: an equality filter, then newest first (the local store walks these too, infra/local OrderedIndex)
        for (String filter : List.of("district", "applicantUscc", "measureCode", "status")) {
            applications.createIndex(Indexes.descending(filter, "createdAt", "_id"));
        }
        applications.createIndex(Indexes.descending("createdAt", "_id"));
        // the outbox sweeper's "first entry exists": a sparse index holds only applications with pending events
        applications.createIndex(Indexes.ascending(Outbox.FIELD + ".0"), new IndexOptions().sparse(true));
    }

    /** The duplicate rule's key. */
    public static String slot(String applicantUscc, String measureCode, String period) {
        return applicantUscc + "|" + measureCode + "|" + period;
    }

    /** What an insert found. */
    public enum Inserted { INSERTED, KEY_TAKEN }

    /**
     * Inserts a new application with its outbox and idempotency record in one write.
     *
     * @return KEY_TAKEN when the id, the idempotency key or the open slot is taken (the caller finds out which)
     */
    public Inserted insert(Application application, List<Document> outbox, IdempotencyRecords.Record idempotency) {
        Document document = toDocument(application).append("version", 1L);
        document.putAll(Outbox.initialFields(outbox));
        if (idempotency != null) {
            idempotency.appendTo(document);
        }
        return MongoErrors.insertIfAbsent(applications, document) ? Inserted.INSERTED : Inserted.KEY_TAKEN;
    }

    /**
     * The answer a creating request gave ({@code POST /applications}, a resubmission), kept under its Idempotency-Key as
     * {@code {id, status}} and, for a resubmission, {@code resubmissionOf} (absent otherwise).
     */
    public record Answer(String id, String status, String resubmissionOf) {

        Document toDocument() {
            Document document = new Document("id", id).append("status", status);
            return resubmissionOf == null ? document : document.append("resubmissionOf", resubmissionOf);
        }

        static Answer of(Document stored) {
            return new Answer(stored.getString("id"), stored.getString("status"), stored.getString("resubmissionOf"));
        }
    }

    /** The record a keyed request leaves on the application it creates (inserted with it, {@link #insert}). */
    public static IdempotencyRecords.Record keyed(String scopedKey, String requestHash, Answer answer, Instant expiresAt) {
        return new IdempotencyRecords.Record(scopedKey, requestHash, answer.toDocument(), expiresAt);
    }

    /**
     * The answer kept under a live Idempotency-Key record (a record past its retention is forgotten here), or 422
     * naming {@code Idempotency-Key} (with {@code applicationId}) when {@code requestHash} - or one of
     * {@code alsoAccepted} - is not the hash the key was first used with ({@link IdempotencyRecords#answer}).
     */
    public Optional<Answer> replay(String scopedKey, String requestHash, Instant now, String... alsoAccepted) {
        return IdempotencyRecords.find(applications, scopedKey, now)
                .map(holder -> Answer.of(IdempotencyRecords.answer(holder, requestHash, "applicationId", alsoAccepted)));
    }

    /** The open application holding the slot, if any. */
    public Optional<String> findOpen(String slot) {
        return Optional.ofNullable(applications.find(Filters.eq("openSlot", slot)).projection(new Document("_id", 1))
                .first()).map(d -> d.getString("_id"));
    }

    public Optional<Versioned> find(String id) {
        return Optional.ofNullable(applications.find(Filters.eq("_id", id)).first()).map(ApplicationRepository::versioned);
    }

    private static Versioned versioned(Document d) {
        return new Versioned(fromDocument(d), d.get("version", Number.class).longValue(), Outbox.lastSequence(d));
    }

    /** The applications of a batch with one query (the {@code _id} index answers {@code $in}); absent ids are not in the map. */
    public Map<String, Versioned> findAll(java.util.Collection<String> ids) {
        Map<String, Versioned> found = new java.util.HashMap<>();
        applications.find(Filters.in("_id", ids)).forEach(d -> found.put(d.getString("_id"), versioned(d)));
        return found;
    }

    /** An application with the version and last event sequence it was read at, for optimistic updates. */
    public record Versioned(Application application, long version, long eventSeq) {
    }

    /**
     * Saves the new state of an application and appends its events, if nobody changed it since it
     * was read; otherwise {@link TransientFailure} (consumers retry, commands answer 409).
     *
     * @param takeSlot false to keep an open application without its duplicate slot (another open one holds it)
     * @throws DuplicateOpen when the state would open a slot another open application holds
     * @throws OutboxFullException when its outbox already holds as many unpublished events as it may
     */
    public void save(Application application, long expectedVersion, List<Document> outbox, boolean takeSlot) {
        save(application, expectedVersion, outbox, takeSlot, null);
    }

    /**
     * A rejected application closed by its resubmission ({@code closed}: RESUBMITTED, CLOSED) keeping the resubmission's
     * intent in field {@value #RESUBMISSION}, in one write guarded as {@link #save} guards one (the version it was read
     * at: an appeal or a second resubmission racing it loses with {@link TransientFailure}); no events.
     */
    public void closeByResubmission(Application closed, long expectedVersion, ResubmissionIntent intent) {
        save(closed, expectedVersion, List.of(), true, new Document(RESUBMISSION, intent.toDocument()));
    }

    /** The resubmission intent a rejected application keeps ({@link #closeByResubmission}); empty when it keeps none. */
    public Optional<ResubmissionIntent> resubmissionIntent(String rejectedId) {
        return field(rejectedId, RESUBMISSION).map(ResubmissionIntent::of);
    }

    /** The field of a rejected application holding its resubmission's intent. */
    static final String RESUBMISSION = "resubmission";

    /**
     * What a resubmission is made from, kept on the rejected application by the write that closes it: the new id, the
     * district and period it is filed in, its facts and attachments, who asked, the request's id, hash and scoped
     * Idempotency-Key (null without one) and when.
     */
    public record ResubmissionIntent(String id, District district, String period, Map<String, Object> facts,
                                     List<Attachment> attachments, String actor, String requestId, String requestHash,
                                     String idempotencyKey, Instant at) {

        Document toDocument() {
            return new Document("id", id).append("district", district.name()).append("period", period)
                    .append("facts", new Document(facts))
                    .append("attachments", ApplicationRepository.attachments(attachments))
                    .append("actor", actor).append("requestId", requestId).append("requestHash", requestHash)
                    .append("idempotencyKey", idempotencyKey).append("at", Date.from(at));
        }

        static ResubmissionIntent of(Document intent) {
            return new ResubmissionIntent(intent.getString("id"), District.of(intent.getString("district")),
                    intent.getString("period"), intent.get("facts", Document.class),
                    ApplicationRepository.attachments(intent),
                    intent.getString("actor"), intent.getString("requestId"), intent.getString("requestHash"),
                    intent.getString("idempotencyKey"), intent.getDate("at").toInstant());
        }
    }

    /**
     * {@link #save}, setting {@code also} (fields the domain record does not carry, e.g. a resubmission's intent) in the
     * same guarded write.
     */
    private void save(Application application, long expectedVersion, List<Document> outbox, boolean takeSlot,
                      Document also) {
        Document state = toDocument(application);
        if (also != null) {
            state.putAll(also);
        }
        Object slot = takeSlot ? state.get("openSlot") : null;
        long modified;
        try {
            modified = applications.updateOne(guard(application.id(), expectedVersion, outbox),
                    update(state, takeSlot, outbox, null)).getModifiedCount();
        } catch (MongoException e) {
            if (MongoErrors.isDuplicateKey(e)) {
                throw new DuplicateOpen((String) slot);
            }
            throw e;
        }
        if (modified != 1) {
            Document current = outbox.isEmpty() ? null : applications.find(Filters.eq("_id", application.id())).first();
            if (current != null && current.get("version", Number.class).longValue() == expectedVersion
                    && Outbox.pending(current) + outbox.size() > outboxMax) {
                throw new OutboxFullException(application.id());
            }
            throw new TransientFailure("application " + application.id() + " changed concurrently; retrying");
        }
    }

    /** One change of a batch: an application's next state, the version it was read at, the events it appends. */
    public record Change(Application application, long expectedVersion, List<Document> outbox) {
    }

    /**
     * Saves the changes of a batch in one unordered bulk write, each guarded as {@link #save} guards one (version,
     * outbox room) and taking its duplicate slot. Which of them were written is read back by the call's own token
     * (a bulk result has counts only). A change not written - changed concurrently, outbox full, its slot held by
     * another open application - is left to the caller's one-by-one path, which answers each of those cases.
     *
     * @return the ids of the applications this call wrote
     */
    public java.util.Set<String> saveAll(List<Change> changes) {
        if (changes.isEmpty()) {
            return java.util.Set.of();
        }
        String token = java.util.UUID.randomUUID().toString();
        List<com.mongodb.client.model.WriteModel<Document>> writes = changes.stream()
                .<com.mongodb.client.model.WriteModel<Document>>map(c -> new com.mongodb.client.model.UpdateOneModel<>(
                        guard(c.application().id(), c.expectedVersion(), c.outbox()),
                        update(toDocument(c.application()), true, c.outbox(), token)))
                .toList();
        long modified;
        try {
            modified = applications.bulkWrite(writes, new com.mongodb.client.model.BulkWriteOptions().ordered(false))
                    .getModifiedCount();
        } catch (com.mongodb.MongoBulkWriteException partly) {
            // some were written (e.g. all but a duplicate slot): read back which - if they are known durable
            org.susong.commons.persistence.MongoErrors.requireDurable(partly, "saving " + changes.size() + " applications");
            modified = -1;
        }
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        changes.forEach(c -> ids.add(c.application().id()));
        if (modified == changes.size()) {
            return ids;
        }
        java.util.Set<String> written = new java.util.LinkedHashSet<>();
        applications.find(Filters.and(Filters.in("_id", ids), Filters.eq(WRITE_TOKEN, token)))
                .projection(new Document("_id", 1)).forEach(d -> written.add(d.getString("_id")));
        return written;
    }

    /** Set by {@link #saveAll} in each of its updates: tells which of a bulk's guarded updates were applied. */
    static final String WRITE_TOKEN = "writeToken";

    private Bson guard(String id, long expectedVersion, List<Document> outbox) {
        Bson filter = Filters.and(Filters.eq("_id", id), Filters.eq("version", expectedVersion));
        if (!outbox.isEmpty()) { // bounded: when the broker is down, writers get back-pressure, not a growing document
            filter = Filters.and(filter, Outbox.hasRoom(outboxMax, outbox.size()));
        }
        return filter;
    }

    private static Bson update(Document state, boolean takeSlot, List<Document> outbox, String token) {
        List<Bson> updates = new ArrayList<>();
        state.remove("_id");
        Object slot = state.remove("openSlot");
        if (!takeSlot) {
            slot = null;
        }
        state.forEach((k, v) -> updates.add(Updates.set(k, v)));
        updates.add(slot == null ? Updates.unset("openSlot") : Updates.set("openSlot", slot));
        updates.add(Updates.inc("version", 1L));
        updates.add(token == null ? Updates.unset(WRITE_TOKEN) : Updates.set(WRITE_TOKEN, token));
        if (!outbox.isEmpty()) {
            updates.add(Outbox.append(outbox));
        }
        return Updates.combine(updates);
    }

    /** Another open application holds the slot. */
    public static final class DuplicateOpen extends RuntimeException {
        private final String slot;

        public DuplicateOpen(String slot) {
            super("slot " + slot + " is taken");
            this.slot = slot;
        }

        public String slot() {
            return slot;
        }
    }

    /** A top-level field of an application's document that the domain record does not carry (absent: empty). */
    private Optional<Document> field(String id, String name) {
        return Optional.ofNullable(applications.find(Filters.eq("_id", id)).projection(new Document(name, 1)).first())
                .map(d -> d.get(name, Document.class));
    }

    /** Applications of an applicant with an approved decision whose payee snapshot is still missing. */
    public List<String> awaitingPayee(String applicantUscc) {
        List<String> ids = new ArrayList<>();
        applications.find(Filters.and(Filters.eq("applicantUscc", applicantUscc), Filters.eq("awaitingPayee", true)))
                .projection(new Document("_id", 1)).forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    /** The applicant's applications filed in {@code district} (a district move's work list; it skips the settled ones). */
    public List<String> ofApplicantIn(String applicantUscc, District district) {
        List<String> ids = new ArrayList<>();
        applications.find(Filters.and(Filters.eq("applicantUscc", applicantUscc), Filters.eq("district", district.name())))
                .projection(new Document("_id", 1)).forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    /** Applicants with approved applications still waiting for a payee snapshot (the follow-up sweep's work list). */
    public List<String> applicantsAwaitingPayee() {
        List<String> result = new ArrayList<>();
        applications.distinct("applicantUscc", Filters.eq("awaitingPayee", true), String.class).into(result);
        return result;
    }

    /** The applicant's applications with a returned payment not paid since (a corrected account is snapshotted for them). */
    public List<String> paymentReturned(String applicantUscc) {
        List<String> ids = new ArrayList<>();
        applications.find(Filters.and(Filters.eq("applicantUscc", applicantUscc), Filters.eq("paymentReturned", true)))
                .projection(new Document("_id", 1)).forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    /** Applicants with a returned payment not paid since (the follow-up sweep's other work list). */
    public List<String> applicantsWithReturnedPayments() {
        List<String> result = new ArrayList<>();
        applications.distinct("applicantUscc", Filters.eq("paymentReturned", true), String.class).into(result);
        return result;
    }

    /** Forgets idempotency records older than their retention; the applications stay. Returns how many. */
    public long purgeIdempotency(Instant now) {
        return IdempotencyRecords.purge(applications, now);
    }

    public MongoCollection<Document> collection() {
        return applications;
    }

    Document toDocument(Application a) {
        ApplicationStatus status = a.status();
        Document document = new Document("_id", a.id())
                .append("applicantUscc", a.applicantUscc())
                .append("measureCode", a.measureCode())
                .append("district", a.district().name())
                .append("period", a.period())
                .append("year", a.createdAt().atZone(BusinessClock.ZONE).getYear())
                .append("facts", new Document(a.facts()))
                .append("attachments", attachments(a.attachments()))
                .append("createdAt", Date.from(a.createdAt()))
                .append("createdBy", a.createdBy())
                .append("submittedAt", a.submittedAt().map(Date::from).orElse(null))
                .append("proposalId", a.proposalId())
                .append("status", status.name())
                .append("round", a.round())
                .append("awaitingPayee", !a.approvedDecisionsWithoutSnapshot().isEmpty())
                .append("paymentReturned", !a.decisionsReturnedUnpaid().isEmpty())
                .append("timeline", timeline(a.timeline()))
                .append("payeeSnapshots", a.payeeSnapshots().stream().map(s -> new Document("decisionId", s.decisionId())
                        .append("accountName", s.accountName()).append("accountNumber", s.accountNumber())
                        .append("bankCode", s.bankCode()).append("bankName", s.bankName())
                        .append("snapshottedAt", Date.from(s.snapshottedAt()))).toList());
        if (!a.systemInitiated() && status.open()) {
            document.append("openSlot", slot(a.applicantUscc(), a.measureCode(), a.period()));
        }
        return document;
    }

    /** Attachments as an application (and a resubmission's intent) stores them. */
    private static List<Document> attachments(List<Attachment> attachments) {
        return attachments.stream().map(x -> new Document("fileName", x.fileName()).append("sha256", x.sha256())
                .append("sizeBytes", x.sizeBytes()).append("kind", x.kind())).toList();
    }

    /** The attachments stored in {@code holder}'s {@code attachments} (none: empty). */
    private static List<Attachment> attachments(Document holder) {
        return holder.getList("attachments", Document.class, List.of()).stream()
                .map(x -> new Attachment(x.getString("fileName"), x.getString("sha256"),
                        x.get("sizeBytes", Number.class).longValue(), x.getString("kind"))).toList();
    }

    static List<Document> timeline(List<Fact> facts) {
        List<Document> entries = new ArrayList<>();
        for (Fact f : facts) {
            entries.add(new Document("eventId", f.eventId()).append("kind", f.kind())
                    .append("status", f.status() == null ? null : f.status().name())
                    .append("at", Date.from(f.at())).append("actor", f.actor()).append("detail", f.detail())
                    .append("round", f.round()).append("decisionId", f.decisionId()));
            if (f.sequence() > 0) {
                entries.get(entries.size() - 1).append("seq", f.sequence());
            }
            if (f.hash() != null) {
                entries.get(entries.size() - 1).append("hash", f.hash());
            }
            if (f.appealDeadline() != null) {
                entries.get(entries.size() - 1).append("appealDeadline", f.appealDeadline().toString());
            }
        }
        return entries;
    }

    static Fact fact(Document f, String idField) {
        String status = f.getString("status");
        Integer round = f.getInteger("round");
        Number sequence = f.get("seq", Number.class);
        return new Fact(f.getString(idField), f.getString("kind"), status == null ? null : ApplicationStatus.valueOf(status),
                f.getDate("at").toInstant(), f.getString("actor"), f.getString("detail"), round == null ? 0 : round,
                f.getString("decisionId"), sequence == null ? 0 : sequence.longValue(), f.getString("hash"),
                f.getString("appealDeadline") == null ? null : java.time.LocalDate.parse(f.getString("appealDeadline")));
    }

    public static Application fromDocument(Document d) {
        List<Fact> facts = new ArrayList<>();
        for (Document f : d.getList("timeline", Document.class, List.of())) {
            facts.add(fact(f, "eventId"));
        }
        List<Attachment> attachments = attachments(d);
        List<PayeeSnapshot> snapshots = new ArrayList<>();
        for (Document s : d.getList("payeeSnapshots", Document.class, List.of())) {
            snapshots.add(new PayeeSnapshot(s.getString("decisionId"), s.getString("accountName"), s.getString("accountNumber"),
                    s.getString("bankCode"), s.getString("bankName"), s.getDate("snapshottedAt").toInstant()));
        }
        Document claimed = d.get("facts", Document.class);
        Date created = d.getDate("createdAt") != null ? d.getDate("createdAt") : d.getDate("submittedAt");
        String createdBy = d.getString("createdBy") != null ? d.getString("createdBy") : d.getString("submittedBy");
        String period = d.getString("period") != null ? d.getString("period")
                : String.valueOf(created.toInstant().atZone(BusinessClock.ZONE).getYear());
        return new Application(d.getString("_id"), d.getString("applicantUscc"), d.getString("measureCode"),
                District.of(d.getString("district")), period, claimed == null ? Map.of() : claimed, attachments,
                created.toInstant(), createdBy, d.getString("proposalId"), facts, snapshots);
    }
}

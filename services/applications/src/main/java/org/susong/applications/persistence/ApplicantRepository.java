package org.susong.applications.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.applications.domain.AccountChange;
import org.susong.applications.domain.Applicant;
import org.susong.applications.domain.ApplicantType;
import org.susong.applications.domain.AuditEntry;
import org.susong.applications.domain.BankAccount;
import org.susong.applications.domain.Certification;
import org.susong.applications.domain.PendingChangeKind;
import org.susong.applications.domain.Contact;
import org.susong.applications.domain.RegisteredValue;
import org.susong.applications.domain.RegistrationChange;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.ids.UsccOverride;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxConfig;
import org.susong.commons.messaging.OutboxFullException;
import org.susong.commons.messaging.TransientFailure;
import org.susong.commons.persistence.Keyset;
import org.susong.commons.persistence.MongoErrors;
import org.susong.commons.rest.Page;

/**
 * The applicant registry: one document per USCC (the USCC is the id), with its version and its
 * audit history in the same document, so a change and its audit entry are one write. Since issue 20 item 6 it is an
 * outbox collection too: an approved registration change appends its event to the applicant's own outbox in that
 * write, and a district change keeps there the intent {@value #DISTRICT_MOVE} until its open applications have moved.
 */
@ApplicationScoped
public class ApplicantRepository {

    public static final String COLLECTION = "applicants";
    /** The intent of a district change whose open applications have not all moved yet: changeId, from, to, actor. */
    public static final String DISTRICT_MOVE = "districtMove";

    /** The intent of a district move kept on the applicant until its open applications have moved (issue 20 item 6). */
    public record DistrictMove(String changeId, org.susong.commons.ids.District from, org.susong.commons.ids.District to,
                               String actor) {

        Document toDocument() {
            return new Document("changeId", changeId).append("from", from.name()).append("to", to.name()).append("actor", actor);
        }

        static DistrictMove of(Document d) {
            return new DistrictMove(d.getString("changeId"), org.susong.commons.ids.District.of(d.getString("from")),
                    org.susong.commons.ids.District.of(d.getString("to")), d.getString("actor"));
        }
    }

    private final MongoCollection<Document> applicants;
    private final int outboxMax;

    ApplicantRepository(MongoDatabase database,
                        OutboxConfig outbox) {
        this.applicants = database.getCollection(COLLECTION);
        this.outboxMax = outbox.outboxMaxPending();
    }

    void indexes(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        // the outbox sweeper's "first entry exists": only applicants with pending events
        applicants.createIndex(com.mongodb.client.model.Indexes.ascending(Outbox.FIELD + ".0"),
                new com.mongodb.client.model.IndexOptions().sparse(true));
    }

    /** False when an applicant with this USCC already exists. */
    public boolean insert(Applicant a, AuditEntry registration) {
        Document document = toDocument(a).append("history", List.of(audit(registration)));
        return MongoErrors.insertIfAbsent(applicants, document);
    }

    /** Saves a changed applicant if nobody changed it since {@code expectedVersion}; false on a concurrent change. */
    public boolean save(Applicant a, long expectedVersion, AuditEntry entry) {
        return save(a, expectedVersion, entry, List.of(), null);
    }

    /**
     * {@link #save} that also appends {@code outbox} entries (numbered after {@link #eventSequence}) and, when
     * {@code districtMove} is given, keeps it as the {@value #DISTRICT_MOVE} intent - only if no other move is
     * unfinished. One guarded write: false on a concurrent change (or an unfinished move).
     *
     * @throws OutboxFullException when the applicant's outbox has no room for the entries (the broker is not draining it)
     */
    public boolean save(Applicant a, long expectedVersion, AuditEntry entry, List<Document> outbox, DistrictMove districtMove) {
        Document document = toDocument(a);
        document.remove("_id");
        List<Bson> updates = new ArrayList<>();
        for (Map.Entry<String, Object> field : document.entrySet()) {
            updates.add(Updates.set(field.getKey(), field.getValue()));
        }
        if (a.bankAccount() == null) {
            updates.add(Updates.unset("bankAccount"));
        }
        if (a.pendingChange() == null) {
            updates.add(Updates.unset("pendingChange"));
        }
        if (a.pendingRegistrationChange() == null) {
            updates.add(Updates.unset("pendingRegistrationChange"));
        }
        if (entry != null) {
            updates.add(Updates.push("history", audit(entry)));
        }
        Bson filter = Filters.and(Filters.eq("_id", a.uscc().value()), Filters.eq("version", expectedVersion));
        if (!outbox.isEmpty()) {
            updates.add(Outbox.append(outbox));
            filter = Filters.and(filter, Outbox.hasRoom(outboxMax, outbox.size()));
        }
        if (districtMove != null) {
            updates.add(Updates.set(DISTRICT_MOVE, districtMove.toDocument()));
            filter = Filters.and(filter, Filters.exists(DISTRICT_MOVE, false));
        }
        long modified = applicants.updateOne(filter, Updates.combine(updates)).getModifiedCount();
        if (modified != 1 && !outbox.isEmpty()) {
            Document current = applicants.find(Filters.eq("_id", a.uscc().value())).first();
            if (current != null && current.get("version", Number.class).longValue() == expectedVersion
                    && Outbox.pending(current) + outbox.size() > outboxMax) {
                throw new OutboxFullException(a.uscc().value());
            }
        }
        return modified == 1;
    }

    /** The last event sequence number the applicant gave out (0 before its first event). */
    public long eventSequence(String uscc) {
        Document d = applicants.find(Filters.eq("_id", uscc)).projection(new Document(Outbox.SEQUENCE_FIELD, 1)).first();
        return d == null ? 0 : Outbox.lastSequence(d);
    }

    /** The unfinished district move of the applicant, if any. */
    public Optional<DistrictMove> districtMove(String uscc) {
        return Optional.ofNullable(applicants.find(Filters.eq("_id", uscc)).projection(new Document(DISTRICT_MOVE, 1))
                .first()).map(d -> d.get(DISTRICT_MOVE, Document.class)).map(DistrictMove::of);
    }

    /** USCCs of applicants whose district move is unfinished (the resumer's work list). */
    public List<String> withDistrictMove() {
        List<String> found = new ArrayList<>();
        applicants.find(Filters.exists(DISTRICT_MOVE, true)).projection(new Document("_id", 1))
                .forEach(d -> found.add(d.getString("_id")));
        return found;
    }

    /**
     * Forgets a finished district move - that one only ({@code changeId}): the applicant's state and version are not
     * touched, so no writer of the applicant contends with it.
     */
    public void districtMoveFinished(String uscc, String changeId) {
        applicants.updateOne(Filters.and(Filters.eq("_id", uscc), Filters.eq(DISTRICT_MOVE + ".changeId", changeId)),
                Updates.unset(DISTRICT_MOVE));
    }

    /** Saves, or throws {@link TransientFailure} when the applicant changed concurrently (retried by consumers). */
    public void saveOrRetry(Applicant a, long expectedVersion, AuditEntry entry) {
        if (!save(a, expectedVersion, entry)) {
            throw new TransientFailure("applicant " + a.uscc() + " changed concurrently; retrying");
        }
    }

    /**
     * A page of the applicants with a change of that kind waiting, oldest request first (ties by USCC), keyset-paged;
     * {@code district} null is the city. A bank-account change past its cooling-off at {@code now} has taken effect
     * (only the promotion job's save is missing): it is not listed.
     */
    public Page<Applicant> pendingChanges(PendingChangeKind kind, District district,
                                                                  Instant now, String cursor, int limit) {
        List<Bson> conditions = new ArrayList<>();
        if (district != null) {
            conditions.add(Filters.eq("district", district.name()));
        }
        if (kind == PendingChangeKind.BANK_ACCOUNT) {
            conditions.add(Filters.or(Filters.eq("pendingChange.effectiveAt", null),
                    Filters.gt("pendingChange.effectiveAt", Date.from(now))));
        }
        String since = kind == PendingChangeKind.BANK_ACCOUNT ? "pendingChange.requestedAt" : "pendingRegistrationChange.proposedAt";
        return Keyset.page(applicants, conditions.isEmpty() ? new Document() : Filters.and(conditions), since,
                // without the audit history and the outbox: a queue row reads neither, and the history grows forever
                Keyset.Order.ASCENDING, cursor, limit, com.mongodb.client.model.Projections.exclude("history", "outbox"),
                ApplicantRepository::fromDocument);
    }

    public Optional<Applicant> find(String uscc) {
        return Optional.ofNullable(applicants.find(Filters.eq("_id", uscc)).first()).map(ApplicantRepository::fromDocument);
    }

    /** The audit entries after version {@code afterVersion}, in version order, at most {@code max}. */
    public List<AuditEntry> history(String uscc, long afterVersion, int max) {
        Document d = applicants.find(Filters.eq("_id", uscc)).projection(new Document("history", 1)).first();
        List<AuditEntry> entries = new ArrayList<>();
        if (d != null) {
            for (Document e : d.getList("history", Document.class, List.of())) {
                if (e.get("version", Number.class).longValue() <= afterVersion) {
                    continue;
                }
                if (entries.size() == max) {
                    break;
                }
                Map<String, String> changes = new java.util.LinkedHashMap<>();
                e.get("changes", Document.class).forEach((k, v) -> changes.put(k, String.valueOf(v)));
                entries.add(new AuditEntry(e.get("version", Number.class).longValue(), e.getDate("at").toInstant(),
                        e.getString("actor"), e.getString("action"), changes));
            }
        }
        return entries;
    }

    /** USCCs of applicants with an approved bank-account change whose cooling-off has passed. */
    public List<String> withChangeDueBy(Instant now) {
        List<String> due = new ArrayList<>();
        applicants.find(Filters.lte("pendingChange.effectiveAt", Date.from(now))).projection(new Document("_id", 1))
                .forEach(d -> due.add(d.getString("_id")));
        return due;
    }

    private static Document toDocument(Applicant a) {
        Document document = new Document("_id", a.uscc().value())
                .append("name", a.name())
                .append("type", a.type().name())
                .append("district", a.district().name())
                .append("registeredAt", Date.from(a.registeredAt()))
                .append("registeredBy", a.registeredBy())
                .append("version", a.version())
                .append("certifications", a.certifications().stream().map(c -> new Document("kind", c.kind())
                        .append("number", c.number()).append("year", c.year())).toList());
        if (a.checkOverride() != null) {
            document.append("checkOverride", new Document("officer", a.checkOverride().officer())
                    .append("reason", a.checkOverride().reason())
                    .append("expected", String.valueOf(a.checkOverride().expected())));
        }
        if (a.contact() != null) {
            document.append("contact", new Document("person", a.contact().person()).append("phone", a.contact().phone())
                    .append("email", a.contact().email()));
        }
        if (a.bankAccount() != null) {
            document.append("bankAccount", account(a.bankAccount()));
        }
        if (a.pendingChange() != null) {
            AccountChange c = a.pendingChange();
            document.append("pendingChange", new Document("id", c.id()).append("account", account(c.account()))
                    .append("requestedBy", c.requestedBy())
                    .append("requestedByUser", c.requestedByUser()).append("requestedAt", Date.from(c.requestedAt()))
                    .append("approvedBy", c.approvedBy()).append("approvedAt", date(c.approvedAt()))
                    .append("effectiveAt", date(c.effectiveAt())));
        }
        if (a.pendingRegistrationChange() != null) {
            RegistrationChange r = a.pendingRegistrationChange();
            document.append("pendingRegistrationChange", new Document("id", r.id()).append("name", r.name())
                    .append("district", r.district() == null ? null : r.district().name()).append("reason", r.reason())
                    .append("evidenceRef", r.evidenceRef()).append("proposedBy", r.proposedBy())
                    .append("proposedByUser", r.proposedByUser()).append("proposedAt", Date.from(r.proposedAt())));
        }
        document.append("registrationHistory", a.registrationHistory().stream().map(v -> new Document("field",
                v.field().wire()).append("value", v.value()).append("effectiveFrom", Date.from(v.effectiveFrom()))
                .append("changeId", v.changeId())).toList());
        return document;
    }

    private static Document account(BankAccount b) {
        return new Document("accountName", b.accountName()).append("accountNumber", b.accountNumber())
                .append("bankCode", b.bankCode()).append("bankName", b.bankName()).append("effectiveAt", date(b.effectiveAt()));
    }

    private static Document audit(AuditEntry e) {
        return new Document("version", e.version()).append("at", Date.from(e.at())).append("actor", e.actor())
                .append("action", e.action()).append("changes", new Document(new java.util.LinkedHashMap<>(e.changes())));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static BankAccount account(Document d) {
        return d == null ? null : new BankAccount(d.getString("accountName"), d.getString("accountNumber"),
                d.getString("bankCode"), d.getString("bankName"), instant(d, "effectiveAt"));
    }

    static Applicant fromDocument(Document d) {
        Document o = d.get("checkOverride", Document.class);
        UsccOverride override = o == null ? null
                : new UsccOverride(o.getString("officer"), o.getString("reason"), o.getString("expected").charAt(0));
        Document c = d.get("contact", Document.class);
        Contact contact = c == null ? null : new Contact(c.getString("person"), c.getString("phone"), c.getString("email"));
        List<Certification> certifications = new ArrayList<>();
        for (Document cert : d.getList("certifications", Document.class, List.of())) {
            certifications.add(new Certification(cert.getString("kind"), cert.getString("number"), cert.getInteger("year")));
        }
        Document p = d.get("pendingChange", Document.class);
        AccountChange pending = p == null ? null : new AccountChange(p.getString("id"), account(p.get("account", Document.class)),
                p.getString("requestedBy"), p.getString("requestedByUser"), instant(p, "requestedAt"), p.getString("approvedBy"), instant(p, "approvedAt"),
                instant(p, "effectiveAt"));
        Document r = d.get("pendingRegistrationChange", Document.class);
        RegistrationChange registrationChange = r == null ? null : new RegistrationChange(r.getString("id"),
                r.getString("name"), r.getString("district") == null ? null : District.of(r.getString("district")),
                r.getString("reason"), r.getString("evidenceRef"), r.getString("proposedBy"), r.getString("proposedByUser"),
                instant(r, "proposedAt"));
        List<RegisteredValue> registered = new ArrayList<>();
        for (Document v : d.getList("registrationHistory", Document.class, List.of())) {
            registered.add(new RegisteredValue(RegisteredValue.Field.ofWire(v.getString("field")), v.getString("value"),
                    instant(v, "effectiveFrom"), v.getString("changeId")));
        }
        Number version = d.get("version", Number.class);
        return new Applicant(new Uscc(d.getString("_id")), d.getString("name"), ApplicantType.valueOf(d.getString("type")),
                District.of(d.getString("district")), override, contact, certifications,
                account(d.get("bankAccount", Document.class)), pending, d.getDate("registeredAt").toInstant(),
                d.getString("registeredBy"), version == null ? 1 : version.longValue(), registrationChange, registered);
    }
}

package org.susong.applications.persistence;

import com.mongodb.client.MongoClient;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.susong.applications.domain.AccountChange;
import org.susong.applications.domain.Applicant;
import org.susong.applications.domain.ApplicantType;
import org.susong.applications.domain.AuditEntry;
import org.susong.applications.domain.BankAccount;
import org.susong.applications.domain.Certification;
import org.susong.applications.domain.Contact;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.ids.UsccOverride;
import org.susong.commons.messaging.TransientFailure;
import org.susong.commons.persistence.MongoErrors;

/**
 * The applicant registry: one document per USCC (the USCC is the id), with its version and its
 * audit history in the same document, so a change and its audit entry are one write.
 */
@ApplicationScoped
public class ApplicantRepository {

    private final MongoCollection<Document> applicants;

    ApplicantRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.applicants = mongo.getDatabase(database).getCollection("applicants");
    }

    /** False when an applicant with this USCC already exists. */
    public boolean insert(Applicant a, AuditEntry registration) {
        Document document = toDocument(a).append("history", List.of(audit(registration)));
        return MongoErrors.insertIfAbsent(applicants, document);
    }

    /** Saves a changed applicant if nobody changed it since {@code expectedVersion}; false on a concurrent change. */
    public boolean save(Applicant a, long expectedVersion, AuditEntry entry) {
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
        if (entry != null) {
            updates.add(Updates.push("history", audit(entry)));
        }
        long modified = applicants.updateOne(Filters.and(Filters.eq("_id", a.uscc().value()),
                Filters.eq("version", expectedVersion)),
                Updates.combine(updates)).getModifiedCount();
        return modified == 1;
    }

    /** Saves, or throws {@link TransientFailure} when the applicant changed concurrently (retried by consumers). */
    public void saveOrRetry(Applicant a, long expectedVersion, AuditEntry entry) {
        if (!save(a, expectedVersion, entry)) {
            throw new TransientFailure("applicant " + a.uscc() + " changed concurrently; retrying");
        }
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
        Number version = d.get("version", Number.class);
        return new Applicant(new Uscc(d.getString("_id")), d.getString("name"), ApplicantType.valueOf(d.getString("type")),
                District.of(d.getString("district")), override, contact, certifications,
                account(d.get("bankAccount", Document.class)), pending, d.getDate("registeredAt").toInstant(),
                d.getString("registeredBy"), version == null ? 1 : version.longValue());
    }
}

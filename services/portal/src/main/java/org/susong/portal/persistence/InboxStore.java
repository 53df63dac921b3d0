package org.susong.portal.persistence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.portal.domain.InboxEntry;

/**
 * The applicants' inbox (issue 18 item 5), in the portal's own database:
 * <ul>
 *   <li>{@code inbox_entries}: one document per notification, its id the kind and its source, written once
 *   ({@code $setOnInsert}), so a redelivered event changes nothing; its owner ({@code uscc}) is the event's when it
 *   names one, else the application's owner as learnt from another event;</li>
 *   <li>{@code inbox_owners}: which applicant an application belongs to (its submission or decision names it). Events
 *   of different topics arrive in any order: an entry written before its owner is known gets it when the owner is
 *   learnt ({@link #learnOwner}); each side writes first and reads the other after, so one of them always sees the
 *   other;</li>
 *   <li>{@code inbox_closed}: decisions appealed or superseded, for which no appeal reminder is made (one made before
 *   is closed: not shown, not mailed);</li>
 *   <li>{@code inbox_addresses}: the e-mail address an applicant gave for its notifications, and since when.</li>
 * </ul>
 * An entry's mail is decided as it is written or its owner learnt: {@code NO_ADDRESS} when its applicant has no
 * address (it is never sent later; {@link #repend} mends a save that crossed the write), else {@code PENDING};
 * {@code WAITING_OWNER} before it has an owner. A pending mail is claimed ({@link #claimMail}): {@code SENDING} with
 * the claim's instant, then {@code SENT}, {@code NO_ADDRESS}, pending again after a failed send (not before a pause),
 * or {@code FAILED} after the attempts allowed or too many claims (senders dying or hanging); a closed reminder is not
 * claimed; a claim older than the stale limit (its sender died) is claimed again, so a mail is sent at least once and,
 * but for a sender dying between sending and recording, once.
 */
@ApplicationScoped
public class InboxStore {

    static final String ENTRIES = "inbox_entries";
    static final String OWNERS = "inbox_owners";
    static final String CLOSED = "inbox_closed";
    static final String ADDRESSES = "inbox_addresses";

    /** An entry's e-mail state. */
    public enum Mail {
        /** Its owner not known yet: nothing to send to (decided as the owner is learnt). */
        WAITING_OWNER, PENDING, SENDING, SENT, NO_ADDRESS, FAILED,
        /** A reminder whose decision was appealed or superseded before it was sent. */
        CANCELLED
    }

    /** An entry claimed for its e-mail: its owner, the entry and the claim's instant (the sender records with it). */
    public record MailClaim(String uscc, InboxEntry entry, Instant claimedAt, int failures, int claims,
                            Instant createdAt) {
    }

    /** The address an applicant gave, its language, and since when (entries made before it are not mailed). */
    public record Address(String email, String lang, Instant since) {
    }

    private final MongoDatabase database;
    private final AtomicBoolean indexed = new AtomicBoolean();

    InboxStore(MongoDatabase database) {
        this.database = database;
    }

    /**
     * Records who an application belongs to, then gives every entry of it still without an owner that owner.
     */
    public void learnOwner(String applicationId, String uscc) {
        index();
        owners().updateOne(Filters.eq("_id", applicationId), Updates.set("uscc", uscc), new UpdateOptions().upsert(true));
        own(Filters.eq("applicationId", applicationId), uscc, true);
    }

    /**
     * Gives the owner-less entries the filter selects their owner; their mail, waiting for it, is decided then
     * ({@link #due}; a mail in another state keeps it). Each update sets the owner and the mail together or the owner alone of an
     * entry whose mail does not wait: an entry inserted between the two (its owner unknown when it was written) is left
     * owner-less for {@link #add}'s second read, never given an owner with its mail still waiting.
     */
    private void own(Bson which, String uscc, boolean many) {
        Bson ownerless = Filters.and(which, Filters.eq("uscc", null));
        Bson waiting = Filters.and(ownerless, Filters.eq("mail", Mail.WAITING_OWNER.name()));
        Bson other = Filters.and(ownerless, Filters.ne("mail", Mail.WAITING_OWNER.name()));
        Mail due = due(uscc);
        Bson pending = Updates.combine(Updates.set("uscc", uscc), Updates.set("mail", due.name()));
        if (many) {
            entries().updateMany(waiting, pending);
            entries().updateMany(other, Updates.set("uscc", uscc));
        } else {
            entries().updateOne(waiting, pending);
            entries().updateOne(other, Updates.set("uscc", uscc));
        }
        if (due == Mail.NO_ADDRESS) {
            repend(which, uscc);
        }
    }

    /**
     * Adds an entry once: a second add of the same id changes nothing. {@code uscc} null: the application's owner
     * if known, else given later by {@link #learnOwner}. {@code reasonsZh}/{@code reasonsEn}: a rejection's failed
     * criteria in both languages.
     */
    public void add(InboxEntry entry, String uscc, List<String> reasonsZh, List<String> reasonsEn, Instant now) {
        index();
        String owner = uscc != null ? uscc : ownerOf(entry.applicationId()).orElse(null);
        Document fields = new Document("kind", entry.kind().name())
                .append("applicationId", entry.applicationId())
                .append("measure", entry.measure())
                .append("outcome", entry.outcome())
                .append("amountFen", entry.amountFen())
                .append("withheldFen", entry.withheldFen())
                .append("at", Date.from(entry.at()))
                .append("deadline", entry.deadline() == null ? null : entry.deadline().toString())
                .append("reasonsZh", reasonsZh)
                .append("reasonsEn", reasonsEn)
                .append("automatic", entry.automatic())
                .append("read", false)
                .append("createdAt", Date.from(now))
                .append("mail", (owner == null ? Mail.WAITING_OWNER : due(owner)).name())
                .append("mailAttempts", 0);
        if (owner != null) {
            fields.append("uscc", owner);
        }
        entries().updateOne(Filters.eq("_id", entry.id()), new Document("$setOnInsert", fields),
                new UpdateOptions().upsert(true));
        if (owner != null && Mail.NO_ADDRESS.name().equals(fields.getString("mail"))) {
            repend(Filters.eq("_id", entry.id()), owner);
        }
        if (owner == null) {
            // the owner may have been learnt between the read above and the insert: read it again after writing
            ownerOf(entry.applicationId()).ifPresent(known -> own(Filters.eq("_id", entry.id()), known, false));
        }
    }

    /**
     * An owned entry's mail as it is made: pending when its applicant has an address, else {@code NO_ADDRESS} at once.
     * An entry made before the address is never mailed ({@code InboxMailer}), so the mail rounds claim only the entries
     * there is someone to mail, not every entry of the history (most applicants give no address).
     */
    private Mail due(String uscc) {
        return address(uscc).isPresent() ? Mail.PENDING : Mail.NO_ADDRESS;
    }

    /**
     * The applicant's entries the filter selects that were decided {@code NO_ADDRESS} though made at or after its
     * address's instant are pending again. An address saved while an entry is written can be read as missing by
     * {@link #due} (its instant taken before the entry's, its write landing after the read): each side calls this
     * after its own write ({@link #setAddress}, {@link #add}, {@link #own}), so one of them sees the other.
     */
    private void repend(Bson which, String uscc) {
        address(uscc).ifPresent(a -> entries().updateMany(Filters.and(which, Filters.eq("uscc", uscc),
                Filters.eq("mail", Mail.NO_ADDRESS.name()), Filters.ne("closed", true),
                Filters.gte("createdAt", Date.from(a.since()))), Updates.set("mail", Mail.PENDING.name())));
    }

    public Optional<String> ownerOf(String applicationId) {
        Document owner = owners().find(Filters.eq("_id", applicationId)).first();
        return Optional.ofNullable(owner == null ? null : owner.getString("uscc"));
    }

    /**
     * A decision appealed or superseded: no appeal reminder for it (kept whether or not its entry exists yet), and a
     * reminder made already is closed ({@link #closeReminder}). The reminders' round writes its reminder first and
     * reads this after; this writes first and closes after: one of them sees the other.
     */
    public void closeDecision(String decisionId, String why) {
        database.getCollection(CLOSED).updateOne(Filters.eq("_id", decisionId), Updates.setOnInsert("why", why),
                new UpdateOptions().upsert(true));
        closeReminder(decisionId);
    }

    /** The decision's reminder, if made, is no longer shown, and not mailed unless it was already. */
    public void closeReminder(String decisionId) {
        String id = InboxEntry.Kind.APPEAL_DEADLINE.name() + ":" + decisionId;
        entries().updateOne(Filters.eq("_id", id), Updates.set("closed", true));
        // a sender holding it (SENDING) records nothing over this: its mailDone and mailRetry need SENDING
        entries().updateOne(Filters.and(Filters.eq("_id", id), Filters.in("mail", Mail.PENDING.name(),
                Mail.WAITING_OWNER.name(), Mail.SENDING.name())), Updates.set("mail", Mail.CANCELLED.name()));
    }

    /**
     * The rejections whose appeal deadline falls from {@code from} to {@code until} (both included) and that were not
     * yet looked at for a reminder: each with its owner. Open or closed, {@link #reminded} marks them looked at.
     */
    public List<Document> rejectionsDue(LocalDate from, LocalDate until) {
        return entries().find(Filters.and(Filters.eq("kind", InboxEntry.Kind.DECIDED.name()),
                        Filters.eq("outcome", "REJECTED"), Filters.gte("deadline", from.toString()),
                        Filters.lte("deadline", until.toString()), Filters.ne("reminded", true), Filters.ne("uscc", null)))
                .into(new ArrayList<>());
    }

    public boolean closed(String decisionId) {
        return database.getCollection(CLOSED).find(Filters.eq("_id", decisionId)).first() != null;
    }

    public void reminded(String entryId) {
        entries().updateOne(Filters.eq("_id", entryId), Updates.set("reminded", true));
    }

    /** An applicant's newest entries first (at most {@code limit}), in the language asked for. */
    public List<InboxEntry> entriesOf(String uscc, int limit, boolean english) {
        List<InboxEntry> list = new ArrayList<>();
        for (Document d : entries().find(shown(uscc)).sort(Sorts.descending("at", "_id")).limit(limit)) {
            list.add(entry(d, english));
        }
        return list;
    }

    public long unread(String uscc) {
        return entries().countDocuments(Filters.and(shown(uscc), Filters.eq("read", false)));
    }

    /** The applicant's entries but closed reminders. */
    private static Bson shown(String uscc) {
        return Filters.and(Filters.eq("uscc", uscc), Filters.ne("closed", true));
    }

    /** Marks one of the applicant's entries read ({@code id} null: all of them); another's entry is never touched. */
    public long markRead(String uscc, String id) {
        Bson own = id == null ? Filters.eq("uscc", uscc) : Filters.and(Filters.eq("_id", id), Filters.eq("uscc", uscc));
        return entries().updateMany(Filters.and(own, Filters.eq("read", false)), Updates.set("read", true))
                .getMatchedCount();
    }

    /**
     * The address and language; {@code since} is set when the address is new or another (a language changed alone
     * keeps it, so entries made meanwhile are still mailed).
     */
    public void setAddress(String uscc, String email, String lang, Instant now) {
        MongoCollection<Document> addresses = database.getCollection(ADDRESSES);
        // the language, and the address with its instant where none was kept (of two first saves at once, the second
        // finds the first's document: a duplicate key, done again as an update)
        Bson keep = Updates.combine(Updates.set("lang", lang), Updates.setOnInsert("email", email),
                Updates.setOnInsert("since", Date.from(now)));
        try {
            addresses.updateOne(Filters.eq("_id", uscc), keep, new UpdateOptions().upsert(true));
        } catch (com.mongodb.MongoWriteException duplicate) {
            if (duplicate.getError().getCategory() != com.mongodb.ErrorCategory.DUPLICATE_KEY) {
                throw duplicate;
            }
            addresses.updateOne(Filters.eq("_id", uscc), keep);
        }
        // then, another address than the one kept replaces it with its instant: of two saves the later's address stays
        addresses.updateOne(Filters.and(Filters.eq("_id", uscc), Filters.ne("email", email)), Updates.combine(
                Updates.set("email", email), Updates.set("since", Date.from(now))));
        // entries written meanwhile that read no address (their instant at or after this one's) are due after all
        repend(Filters.eq("uscc", uscc), uscc);
    }

    public void removeAddress(String uscc) {
        database.getCollection(ADDRESSES).deleteOne(Filters.eq("_id", uscc));
    }

    public Optional<Address> address(String uscc) {
        Document d = database.getCollection(ADDRESSES).find(Filters.eq("_id", uscc)).first();
        return d == null ? Optional.empty()
                : Optional.of(new Address(d.getString("email"), d.getString("lang"), d.getDate("since").toInstant()));
    }

    /**
     * Claims the oldest entry with an owner whose mail is pending, or whose claim is older than {@code staleBefore};
     * empty when there is none. Of two senders one gets it.
     */
    public Optional<MailClaim> claimMail(Instant now, Instant staleBefore) {
        Bson due = Filters.or(Filters.eq("mailNotBefore", null), Filters.lte("mailNotBefore", Date.from(now)));
        Bson claimable = Filters.and(Filters.ne("uscc", null), Filters.ne("closed", true), Filters.or(
                Filters.and(Filters.eq("mail", Mail.PENDING.name()), due),
                Filters.and(Filters.eq("mail", Mail.SENDING.name()), Filters.lt("mailClaimedAt", Date.from(staleBefore)))));
        Document d = entries().findOneAndUpdate(claimable, Updates.combine(Updates.set("mail", Mail.SENDING.name()),
                        Updates.set("mailClaimedAt", Date.from(now)), Updates.inc("mailClaims", 1)),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("createdAt")).returnDocument(ReturnDocument.AFTER));
        if (d == null) {
            return Optional.empty();
        }
        return Optional.of(new MailClaim(d.getString("uscc"), entry(d, false), now, d.getInteger("mailAttempts", 0),
                d.getInteger("mailClaims", 1), d.getDate("createdAt").toInstant()));
    }

    /** Records the claim's outcome, only if the entry is still this claim's (a stale claim taken over is not). */
    public boolean mailDone(MailClaim claim, Mail outcome) {
        return entries().updateOne(Filters.and(Filters.eq("_id", claim.entry().id()), Filters.eq("mail", Mail.SENDING.name()),
                        Filters.eq("mailClaimedAt", Date.from(claim.claimedAt()))),
                Updates.set("mail", outcome.name())).getModifiedCount() == 1;
    }

    /**
     * A failed send: pending again, not claimed before {@code notBefore}, one failure more (only if the entry is still
     * this claim's; a claim taken over after going stale is no failure).
     */
    public boolean mailRetry(MailClaim claim, Instant notBefore) {
        return entries().updateOne(Filters.and(Filters.eq("_id", claim.entry().id()), Filters.eq("mail", Mail.SENDING.name()),
                        Filters.eq("mailClaimedAt", Date.from(claim.claimedAt()))),
                Updates.combine(Updates.set("mail", Mail.PENDING.name()), Updates.set("mailNotBefore", Date.from(notBefore)),
                        Updates.inc("mailAttempts", 1)))
                .getModifiedCount() == 1;
    }

    /** The mail state of an entry (the tests read it). */
    public Optional<Mail> mailOf(String entryId) {
        Document d = entries().find(Filters.eq("_id", entryId)).first();
        return Optional.ofNullable(d == null ? null : Mail.valueOf(d.getString("mail")));
    }

    private static InboxEntry entry(Document d, boolean english) {
        String deadline = d.getString("deadline");
        List<String> reasons = d.getList(english ? "reasonsEn" : "reasonsZh", String.class);
        Number amount = (Number) d.get("amountFen");
        Number withheld = (Number) d.get("withheldFen");
        return new InboxEntry(d.getString("_id"), InboxEntry.Kind.valueOf(d.getString("kind")), d.getString("applicationId"),
                d.getString("measure"), d.getString("outcome"), amount == null ? null : amount.longValue(),
                withheld == null ? null : withheld.longValue(), d.getDate("at").toInstant(), deadline == null ? null : LocalDate.parse(deadline),
                reasons == null ? List.of() : reasons, d.getBoolean("automatic", false), d.getBoolean("read", false));
    }

    private MongoCollection<Document> entries() {
        return database.getCollection(ENTRIES);
    }

    private MongoCollection<Document> owners() {
        return database.getCollection(OWNERS);
    }

    /** The entries' indexes, made at the first write (the portal starts without its store: its pages work without it). */
    private void index() {
        if (!indexed.get()) {
            entries().createIndex(Indexes.compoundIndex(Indexes.ascending("uscc"), Indexes.descending("at")));
            entries().createIndex(Indexes.ascending("applicationId"));
            entries().createIndex(Indexes.ascending("mail", "createdAt"));
            // the appeal reminders' round: rejections by deadline
            entries().createIndex(Indexes.ascending("kind", "outcome", "deadline"));
            indexed.set(true);
        }
    }
}

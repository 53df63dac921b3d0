package org.susong.eligibility.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.susong.commons.persistence.MongoErrors;
import org.susong.eligibility.domain.ImportState;

/**
 * The certification lists an administrator imported (B1, issue 16 item 3): one document per listed enterprise of a
 * list and year, {@code _id} = {@code <list>|<year>|<uscc>}, with the certificate number as listed and as its
 * canonical key, the certification kind (FIRST | RENEWED), and the import that listed it. An entry is written once
 * (insert if absent) and never changed by a later import: a file that lists an enterprise differently is refused. A
 * checked file is kept in {@link #IMPORTS} until a second administrator approves it (maker-checker: an import pays).
 */
@ApplicationScoped
public class CertificationListRepository {

    public static final String COLLECTION = "certification_lists";

    /** One listed enterprise. */
    public record Entry(String list, int year, String uscc, String name, String certificateNumber, String certificateKey,
                        String kind, String importId) {

        public String id() {
            return id(list, year, uscc);
        }

        public static String id(String list, int year, String uscc) {
            return list + "|" + year + "|" + uscc;
        }
    }

    /** Imported files awaiting (or given) a second administrator's approval, {@code _id} = the import id. */
    public static final String IMPORTS = "certification_imports";

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> imports;

    CertificationListRepository(MongoDatabase database) {
        this.entries = database.getCollection(COLLECTION);
        this.imports = database.getCollection(IMPORTS);
    }

    /** A checked file, stored as proposed (maker): its entries and the lines they came from. */
    public void propose(String importId, String list, int year, int rows, List<Entry> checked, List<Integer> lines,
                        String proposedBy, Date at) {
        List<Document> stored = new java.util.ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            Entry e = checked.get(i);
            stored.add(new Document("line", lines.get(i)).append("uscc", e.uscc()).append("name", e.name())
                    .append("certificateNumber", e.certificateNumber()).append("certificateKey", e.certificateKey())
                    .append("kind", e.kind()));
        }
        imports.insertOne(new Document("_id", importId).append("list", list).append("year", year).append("rows", rows)
                .append("entries", stored).append("state", ImportState.PROPOSED.stored()).append("proposedBy", proposedBy)
                .append("proposedAt", at));
    }

    /**
     * A stored import: the list and year, how many rows its file had, its state (PROPOSED, APPROVED), who proposed and
     * who approved it, and its checked entries each with the line of the file it came from ({@code lines}, same order).
     */
    public record Import(String importId, String list, int year, int rows, ImportState state, String proposedBy,
                         String approvedBy, List<Entry> entries, List<Integer> lines) {
    }

    public Optional<Import> findImport(String importId) {
        return Optional.ofNullable(imports.find(Filters.eq("_id", importId)).first())
                .map(d -> new Import(d.getString("_id"), d.getString("list"), d.getInteger("year"), d.getInteger("rows"),
                        ImportState.of(d.getString("state")), d.getString("proposedBy"), d.getString("approvedBy"), entries(d), lines(d)));
    }

    /** PROPOSED -> APPROVED by {@code approver}, guarded on the state and on a different proposer; false when lost. */
    public boolean approve(String importId, String approver, Date at) {
        return imports.updateOne(Filters.and(Filters.eq("_id", importId), Filters.eq("state", ImportState.PROPOSED.stored()),
                        Filters.ne("proposedBy", approver)),
                com.mongodb.client.model.Updates.combine(com.mongodb.client.model.Updates.set("state",
                                ImportState.PROPOSED.moveTo(ImportState.APPROVED).stored()),
                        com.mongodb.client.model.Updates.set("approvedBy", approver),
                        com.mongodb.client.model.Updates.set("approvedAt", at))).getModifiedCount() == 1;
    }

    /** The entries of a stored import, each with the line it came from. */
    private static List<Entry> entries(Document imported) {
        List<Entry> result = new java.util.ArrayList<>();
        for (Document d : imported.getList("entries", Document.class, List.of())) {
            result.add(new Entry(imported.getString("list"), imported.getInteger("year"), d.getString("uscc"),
                    d.getString("name"), d.getString("certificateNumber"), d.getString("certificateKey"), d.getString("kind"),
                    imported.getString("_id")));
        }
        return result;
    }

    private static List<Integer> lines(Document imported) {
        return imported.getList("entries", Document.class, List.of()).stream().map(d -> d.getInteger("line")).toList();
    }

    public Optional<Entry> find(String list, int year, String uscc) {
        return Optional.ofNullable(entries.find(Filters.eq("_id", Entry.id(list, year, uscc))).first())
                .map(CertificationListRepository::entry);
    }

    /** The entries of these ids that exist, by id (one read for a whole file). */
    public Map<String, Entry> findAll(List<String> ids) {
        Map<String, Entry> found = new HashMap<>();
        if (!ids.isEmpty()) {
            entries.find(Filters.in("_id", ids)).forEach(d -> found.put(d.getString("_id"), entry(d)));
        }
        return found;
    }

    /** Writes the entry unless it exists; true when this call wrote it. */
    public boolean insert(Entry e, String actor, Date at) {
        return MongoErrors.insertIfAbsent(entries, new Document("_id", e.id()).append("list", e.list())
                .append("year", e.year()).append("uscc", e.uscc()).append("name", e.name())
                .append("certificateNumber", e.certificateNumber()).append("certificateKey", e.certificateKey())
                .append("kind", e.kind()).append("importId", e.importId()).append("importedBy", actor)
                .append("importedAt", at));
    }

    private static Entry entry(Document d) {
        return new Entry(d.getString("list"), d.getInteger("year"), d.getString("uscc"), d.getString("name"),
                d.getString("certificateNumber"), d.getString("certificateKey"), d.getString("kind"),
                d.getString("importId"));
    }
}

package org.susong.payments.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.susong.payments.domain.JournalEntry;
import org.susong.payments.domain.Posting;

/** Journal entries as kept on the document that moved the money (field {@code journal}). */
public final class Journals {

    public static final String FIELD = "journal";

    private Journals() {
    }

    public static Document toDocument(JournalEntry e) {
        List<Document> postings = new ArrayList<>();
        for (Posting p : e.postings()) {
            postings.add(new Document("account", p.account()).append("fen", p.fen()));
        }
        return new Document("id", e.id()).append("kind", e.kind()).append("document", e.documentId())
                .append("line", e.budgetLine()).append("at", Date.from(e.at())).append("actor", e.actor())
                .append("reason", e.reason()).append("postings", postings);
    }

    public static JournalEntry fromDocument(Document d) {
        List<Posting> postings = new ArrayList<>();
        for (Document p : d.getList("postings", Document.class, List.of())) {
            postings.add(new Posting(p.getString("account"), p.get("fen", Number.class).longValue()));
        }
        Instant at = d.getDate("at").toInstant();
        return new JournalEntry(d.getString("id"), d.getString("kind"), d.getString("document"), d.getString("line"), at,
                d.getString("actor"), d.getString("reason"), postings);
    }
}

package org.susong.eligibility.persistence;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.susong.eligibility.domain.Criterion;

/** Reading stored values into typed views: amounts as any number, criteria as the domain's. */
final class StoredValues {

    private StoredValues() {
    }

    /** An amount, 0 when absent. */
    static long fen(Document d, String field) {
        Number n = d.get(field, Number.class);
        return n == null ? 0 : n.longValue();
    }

    /**
     * A money or guard field every writer stores (a share's amount, a counter's use or revision, an appeal's held
     * amount): absent or not a number is a fault to surface (an {@code IllegalStateException}: commons' EventConsumer
     * dead-letters the record at once, as the reads before issue 14 item 2 did with their NullPointerException), never a
     * 0 that would grant, release or top up a wrong amount.
     */
    static long required(java.util.Map<String, ?> d, String field) {
        Object value = d.get(field);
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalStateException("stored " + field + " is " + (value == null ? "missing" : "not a number (" + value
                + ")") + (d.get("_id") == null ? "" : " in " + d.get("_id")));
    }

    /** An amount, null when absent. */
    static Long fenOrNull(Document d, String field) {
        Number n = d.get(field, Number.class);
        return n == null ? null : n.longValue();
    }

    /** A whole number (a year), null when absent. */
    static Integer intOrNull(Document d, String field) {
        Number n = d.get(field, Number.class);
        return n == null ? null : n.intValue();
    }

    /** Criteria as {@link DecisionRepository#criteria} stores them. */
    static List<Criterion> criteria(Document d) {
        List<Criterion> criteria = new ArrayList<>();
        for (Document c : d.getList("criteria", Document.class, List.of())) {
            criteria.add(new Criterion(c.getString("name"), Boolean.TRUE.equals(c.getBoolean("passed")), c.getString("en"),
                    c.getString("zh")));
        }
        return criteria;
    }
}

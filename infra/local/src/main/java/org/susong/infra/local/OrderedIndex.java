package org.susong.infra.local;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * A non-unique (secondary) index kept in memory, ordered by its keys and then the document's
 * position - what mongo-java-server 1.47.0 does not implement ("adding secondary index ... is not
 * yet implemented. ignoring"). The library maintains it like its unique indexes (add, remove,
 * update in place; existing documents are added when it is created or the store is opened).
 *
 * <p>{@link #plan} answers whether a query can walk it: equality conditions on a leading prefix of
 * the keys and a sort (if any) on the remaining keys in index order or exactly reversed. Then the
 * walk fetches documents in sort order and stops after {@code skip + limit} matches instead of
 * scanning and sorting the collection. Conditions on indexed fields only (a keyset cursor such
 * as {@code createdAt < t or (createdAt = t and _id < x)}) are checked on the index entry before the
 * document is fetched. A sparse index holds only documents with one of its fields, so it also serves
 * {@code {field: {$exists: true}}} (the outbox sweeper's {@code outbox.0}) without a scan.
 */
final class OrderedIndex extends Index<Object> {

    private static final Object LOW = new Object();
    private static final Object HIGH = new Object();
    private static final Comparator<Object> VALUES = ValueComparator.asc();

    /** One entry: the key values of a document and its position (its {@code _id} in the H2 backend). */
    record Entry(List<Object> values, Object position) {
    }

    private final List<IndexKey> keys;
    private final NavigableSet<Entry> entries;

    OrderedIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.keys = List.copyOf(keys);
        this.entries = new ConcurrentSkipListSet<>(this::compare);
    }

    private int compare(Entry a, Entry b) {
        for (int i = 0; i < keys.size(); i++) {
            int c = compareValue(a.values.get(i), b.values.get(i));
            if (c != 0) {
                return keys.get(i).isAscending() ? c : -c;
            }
        }
        return compareValue(a.position, b.position);
    }

    private static int compareValue(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == LOW || b == HIGH) {
            return -1;
        }
        if (a == HIGH || b == LOW) {
            return 1;
        }
        return VALUES.compare(a, b);
    }

    private List<Object> values(Document document) {
        List<Object> values = new ArrayList<>(keys.size());
        for (IndexKey key : keys) {
            Object value = valueAt(document, key.getKey());
            values.add(value == null ? Missing.ofNullable(null) : value);
        }
        return values;
    }

    /** The value at a dotted path; a numeric segment indexes an array ({@code outbox.0}); Missing when absent. */
    static Object valueAt(Document document, String path) {
        Object current = document;
        for (String segment : path.split("\\.")) {
            if (current instanceof Document d) {
                if (!d.containsKey(segment)) {
                    return Missing.getInstance();
                }
                current = d.get(segment);
            } else if (current instanceof List<?> list && !segment.isEmpty() && segment.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(segment);
                if (index >= list.size()) {
                    return Missing.getInstance();
                }
                current = list.get(index);
            } else {
                return Missing.getInstance();
            }
        }
        return current;
    }

    private static Object positionOf(Document document) {
        return Missing.ofNullable(document.get("_id"));
    }

    /** How a query walks this index: the equality prefix, the direction, and the clauses checkable on entries. */
    record Plan(OrderedIndex index, List<Object> prefix, boolean descending, List<Document> keyOnlyClauses) {

        /** Positions of matching documents in sort order, at most {@code wanted} (0: all). */
        List<Object> walk(Function<Object, Document> fetch, BiPredicate<Document, Document> matches, Document query,
                          int wanted) {
            List<Object> low = new ArrayList<>(prefix);
            List<Object> high = new ArrayList<>(prefix);
            for (int i = prefix.size(); i < index.keys.size(); i++) {
                boolean ascending = index.keys.get(i).isAscending();
                low.add(ascending ? LOW : HIGH);
                high.add(ascending ? HIGH : LOW);
            }
            NavigableSet<Entry> range = index.entries.subSet(new Entry(low, LOW), true, new Entry(high, HIGH), true);
            Iterator<Entry> it = descending ? range.descendingIterator() : range.iterator();
            List<Object> positions = new ArrayList<>();
            while (it.hasNext() && (wanted <= 0 || positions.size() < wanted)) {
                Entry entry = it.next();
                if (!keyOnlyClauses.isEmpty()) {
                    Document partial = new Document();
                    for (int i = 0; i < index.keys.size(); i++) {
                        if (!(entry.values.get(i) instanceof Missing)) {
                            partial.put(index.keys.get(i).getKey(), entry.values.get(i));
                        }
                    }
                    if (!keyOnlyClauses.stream().allMatch(clause -> matches.test(partial, clause))) {
                        continue;
                    }
                }
                Document document = fetch.apply(entry.position);
                if (document != null && matches.test(document, query)) {
                    positions.add(entry.position);
                }
            }
            return positions;
        }
    }

    /** The plan for a query and sort, or null when this index cannot serve them. */
    Plan plan(Document query, Document orderBy) {
        List<Document> clauses = clauses(query);
        if (clauses == null) {
            return null;
        }
        List<Object> prefix = new ArrayList<>();
        for (IndexKey key : keys) {
            Object value = equality(clauses, key.getKey());
            if (value == null) {
                break;
            }
            prefix.add(value);
        }
        List<IndexKey> rest = keys.subList(prefix.size(), keys.size());
        boolean descending = false;
        if (orderBy != null && !orderBy.isEmpty()) {
            if (orderBy.size() > rest.size()) {
                return null;
            }
            int i = 0;
            Boolean reversed = null;
            for (Map.Entry<String, Object> sort : orderBy.entrySet()) {
                IndexKey key = rest.get(i++);
                if (!key.getKey().equals(sort.getKey()) || !(sort.getValue() instanceof Number n)) {
                    return null;
                }
                boolean sortAscending = n.intValue() > 0;
                boolean flipped = sortAscending != key.isAscending();
                if (reversed != null && reversed != flipped) {
                    return null;
                }
                reversed = flipped;
            }
            descending = Boolean.TRUE.equals(reversed);
        } else if (prefix.isEmpty() && !(isSparse() && existsTrue(clauses, keys.get(0).getKey()))) {
            return null; // nothing gained over a scan (a sparse index still serves "its field exists": it holds only those)
        }
        Set<String> indexed = new HashSet<>();
        keys.forEach(k -> indexed.add(k.getKey()));
        List<Document> keyOnly = new ArrayList<>();
        for (Document clause : clauses) {
            Set<String> read = fields(clause);
            if (indexed.containsAll(read) && read.stream().noneMatch(f -> f.contains("."))) { // dotted paths: on documents only
                keyOnly.add(clause);
            }
        }
        return new Plan(this, prefix, descending, keyOnly);
    }

    /** The query as a list of conditions that must all hold (a top-level {@code $and} flattened), or null if unusual. */
    private static List<Document> clauses(Document query) {
        List<Document> clauses = new ArrayList<>();
        for (Map.Entry<String, Object> field : query.entrySet()) {
            if ("$and".equals(field.getKey()) && field.getValue() instanceof List<?> list) {
                for (Object condition : list) {
                    if (!(condition instanceof Document d)) {
                        return null;
                    }
                    List<Document> nested = clauses(d);
                    if (nested == null) {
                        return null;
                    }
                    clauses.addAll(nested);
                }
            } else {
                clauses.add(new Document(field.getKey(), field.getValue()));
            }
        }
        return clauses;
    }

    /** The value a clause pins the field to ({@code {f: v}} or {@code {f: {$eq: v}}}), or null. */
    private static Object equality(List<Document> clauses, String field) {
        for (Document clause : clauses) {
            Object value = clause.get(field);
            if (value == null || clause.size() != 1) {
                continue;
            }
            if (value instanceof Document d) {
                if (d.size() == 1 && d.containsKey("$eq") && !(d.get("$eq") instanceof Document)
                        && !(d.get("$eq") instanceof List)) {
                    return d.get("$eq");
                }
                continue;
            }
            if (!(value instanceof List) && !(value instanceof java.util.regex.Pattern)) {
                return value;
            }
        }
        return null;
    }

    /** Whether a clause says {@code {field: {$exists: true}}}. */
    private static boolean existsTrue(List<Document> clauses, String field) {
        for (Document clause : clauses) {
            if (clause.size() == 1 && clause.get(field) instanceof Document d && d.size() == 1
                    && (Boolean.TRUE.equals(d.get("$exists")) || Integer.valueOf(1).equals(d.get("$exists")))) {
                return true;
            }
        }
        return false;
    }

    /** Field names a condition reads (through $and / $or / $nor); operator names are not fields. */
    private static Set<String> fields(Object condition) {
        Set<String> fields = new HashSet<>();
        if (condition instanceof Document d) {
            for (Map.Entry<String, Object> e : d.entrySet()) {
                if (e.getKey().equals("$and") || e.getKey().equals("$or") || e.getKey().equals("$nor")) {
                    if (e.getValue() instanceof List<?> list) {
                        list.forEach(c -> fields.addAll(fields(c)));
                    } else {
                        fields.add("$unknown");
                    }
                } else if (e.getKey().startsWith("$")) {
                    fields.add("$unknown"); // $where, $expr, ...: not checkable on entries
                } else {
                    fields.add(e.getKey());
                }
            }
        }
        return fields;
    }

    @Override
    public Object getPosition(Document document) {
        return null; // not unique: no single position per key
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // never refuses: not unique
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        List<Object> values = values(document);
        if (!skipped(values)) {
            entries.add(new Entry(values, position));
        }
    }

    /** A sparse index leaves out documents that have none of its fields. */
    private boolean skipped(List<Object> values) {
        return isSparse() && values.stream().allMatch(v -> v instanceof Missing);
    }

    @Override
    public Object remove(Document document) {
        Object position = positionOf(document);
        entries.remove(new Entry(values(document), position));
        return position;
    }

    @Override
    public boolean canHandle(Document query) {
        return false; // the library's planner is for unique lookups; IdIndexedH2Backend plans ordered walks itself
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        return Collections.emptyList();
    }

    @Override
    public long getCount() {
        return entries.size();
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // never refuses: not unique
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection) {
        List<Object> before = values(oldDocument);
        List<Object> after = values(newDocument);
        if (!before.equals(after)) {
            entries.remove(new Entry(before, position));
            if (!skipped(after)) {
                entries.add(new Entry(after, position));
            }
        }
    }

    @Override
    public void drop() {
        entries.clear();
    }
}

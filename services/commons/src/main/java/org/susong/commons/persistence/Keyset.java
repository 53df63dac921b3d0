package org.susong.commons.persistence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.rest.Cursors;
import org.susong.commons.rest.Page;
import org.susong.commons.time.BusinessClock;

/**
 * Keyset paging over a collection, the one way every list pages: newest first by a sort field (a
 * date, a string or a number), ties broken by {@code _id} (a string), so a page never repeats or skips
 * a document while others are added. The cursor holds the last document's sort value and id.
 */
public final class Keyset {

    private Keyset() {
    }

    /** Which end of the sort field a list starts from. */
    public enum Order {
        /** Newest (largest) first: portal lists. */
        DESCENDING,
        /** Oldest (smallest) first: work queues, served in arrival order. */
        ASCENDING
    }

    /**
     * One page of the documents matching {@code filter}, descending by {@code field} then {@code _id};
     * documents without the field are not listed. A cursor this service did not give out is 400.
     */
    public static <T> Page<T> page(MongoCollection<Document> collection, Bson filter, String field, String cursor,
                                   int limit, Bson projection, Function<Document, T> mapper) {
        return page(collection, filter, field, Order.DESCENDING, cursor, limit, projection, mapper);
    }

    /** One page in {@code order} by {@code field} then {@code _id} (see {@link #page}). */
    public static <T> Page<T> page(MongoCollection<Document> collection, Bson filter, String field, Order order,
                                   String cursor, int limit, Bson projection, Function<Document, T> mapper) {
        List<Bson> conditions = new ArrayList<>();
        conditions.add(filter);
        conditions.add(Filters.exists(field));
        if (cursor != null && !cursor.isBlank()) {
            conditions.add(after(field, cursor, order));
        }
        List<Document> found = new ArrayList<>(limit + 1);
        Bson sort = order == Order.DESCENDING ? Sorts.descending(field, "_id") : Sorts.ascending(field, "_id");
        var find = collection.find(Filters.and(conditions)).sort(sort).limit(limit + 1);
        if (projection != null) {
            find = find.projection(projection);
        }
        find.forEach(found::add);
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            next = encode(found.get(limit - 1), field);
        }
        return new Page<>(found.stream().map(mapper).toList(), next, limit);
    }

    /**
     * The conditions of a {@code from}/{@code to} date filter (both inclusive) on a timestamp field, days in the
     * business zone (Asia/Shanghai); none when both are empty.
     */
    public static List<Bson> onDates(String field, Optional<LocalDate> from, Optional<LocalDate> to) {
        List<Bson> conditions = new ArrayList<>(2);
        from.ifPresent(day -> conditions.add(Filters.gte(field, Date.from(day.atStartOfDay(BusinessClock.ZONE)
                .toInstant()))));
        to.ifPresent(day -> conditions.add(Filters.lt(field, Date.from(day.plusDays(1).atStartOfDay(BusinessClock.ZONE)
                .toInstant()))));
        return conditions;
    }

    static String encode(Document last, String field) {
        // a field of an embedded document ("pendingChange.requestedAt") is read along its path
        Object value = field.indexOf('.') < 0 ? last.get(field)
                : last.getEmbedded(java.util.Arrays.asList(field.split("\\.")), Object.class);
        String id = String.valueOf(last.get("_id"));
        if (value instanceof Date date) {
            return Cursors.encode("d", Long.toString(date.getTime()), id);
        }
        if (value instanceof Number number) {
            return Cursors.encode("n", Long.toString(number.longValue()), id);
        }
        return Cursors.encode("s", String.valueOf(value), id);
    }

    static Bson after(String field, String cursor, Order order) {
        String[] parts = Cursors.decode(cursor, 3);
        Object value;
        try {
            value = switch (parts[0]) {
                case "d" -> new Date(Long.parseLong(parts[1]));
                case "n" -> Long.parseLong(parts[1]);
                case "s" -> parts[1];
                default -> throw Cursors.bad();
            };
        } catch (NumberFormatException e) {
            throw Cursors.bad();
        }
        if (order == Order.ASCENDING) {
            return Filters.or(Filters.gt(field, value), Filters.and(Filters.eq(field, value), Filters.gt("_id", parts[2])));
        }
        return Filters.or(Filters.lt(field, value), Filters.and(Filters.eq(field, value), Filters.lt("_id", parts[2])));
    }
}

package io.z3chat.persistence.store;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an index must offer a query, read from the command the driver sends: the fields it
 * compares for equality, the fields it bounds or compares in ranges, its sort, its skip. A query
 * is served when an index starts with exactly its equality fields, continues with its sort
 * (all directions as declared or all reversed) and holds its range fields; a regex is allowed
 * only as a filter on what that index already narrowed down. Equality on a whole unique key is a point read,
 * like one by {@code _id}: whatever else it filters on is checked on that one document.
 */
record QueryShape(String collection, String command, Set<String> equality, Set<String> ranges,
                  Set<String> residual, Map<String, Integer> sort, int skip) {

    /** The filters of one command (an update or delete command can carry several). */
    static List<QueryShape> of(BsonDocument command) {
        var name = command.getFirstKey();
        var collection = command.get(name).isString() ? command.getString(name).getValue() : "";
        var shapes = new ArrayList<QueryShape>();
        switch (name) {
            case "find" -> shapes.addAll(clauses(collection, name, command.getDocument("filter", new BsonDocument()),
                    command.getDocument("sort", new BsonDocument()), command.getNumber("skip", new org.bson.BsonInt32(0)).intValue()));
            case "findAndModify" -> shapes.add(shape(collection, name, command.getDocument("query", new BsonDocument()),
                    command.getDocument("sort", new BsonDocument()), 0));
            case "count" -> shapes.add(shape(collection, name, command.getDocument("query", new BsonDocument()), new BsonDocument(), 0));
            case "aggregate" -> {
                var first = command.getArray("pipeline").get(0).asDocument();
                var match = first.containsKey("$match") ? first.getDocument("$match") : new BsonDocument();
                shapes.add(shape(collection, name, match, new BsonDocument(), 0));
            }
            case "update" -> command.getArray("updates").forEach(u ->
                    shapes.add(shape(collection, name, u.asDocument().getDocument("q"), new BsonDocument(), 0)));
            case "delete" -> command.getArray("deletes").forEach(d ->
                    shapes.add(shape(collection, name, d.asDocument().getDocument("q"), new BsonDocument(), 0)));
            default -> {
                // inserts, index and session commands carry no query
            }
        }
        return shapes;
    }

    /**
     * A rooted {@code $or} whose clauses each name the user (a selected path: one clause per line) is planned
     * clause by clause, each on its own index scan, and merged in sort order (MongoDB's SORT_MERGE), so each
     * clause is a query of its own that an index must serve with the whole sort. Any other filter is one shape.
     */
    static List<QueryShape> clauses(String collection, String command, BsonDocument filter, BsonDocument sort, int skip) {
        if (filter.size() == 1 && filter.containsKey("$or")) {
            var clauses = filter.getArray("$or").stream()
                    .map(c -> shape(collection, command, c.asDocument(), sort, skip)).toList();
            if (clauses.stream().allMatch(c -> c.equality().contains("userEmail"))) {
                return clauses;
            }
        }
        return List.of(shape(collection, command, filter, sort, skip));
    }

    static QueryShape shape(String collection, String command, BsonDocument filter, BsonDocument sort, int skip) {
        var equality = new LinkedHashSet<String>();
        var ranges = new LinkedHashSet<String>();
        var residual = new LinkedHashSet<String>();
        collect(filter, equality, ranges, residual);
        var order = new LinkedHashMap<String, Integer>();
        sort.forEach((field, direction) -> order.put(field, direction.asNumber().intValue()));
        return new QueryShape(collection, command, equality, ranges, residual, order, skip);
    }

    private static void collect(BsonDocument filter, Set<String> equality, Set<String> ranges, Set<String> residual) {
        filter.forEach((key, value) -> {
            switch (key) {
                case "$and" -> value.asArray().forEach(clause -> collect(clause.asDocument(), equality, ranges, residual));
                // An $or here only settles ties inside a range the index already bounds: each of its
                // fields must be in the index.
                case "$or" -> value.asArray().forEach(clause -> {
                    var inner = new LinkedHashSet<String>();
                    collect(clause.asDocument(), inner, inner, residual);
                    ranges.addAll(inner);
                });
                default -> classify(key, value, equality, ranges, residual);
            }
        });
    }

    private static void classify(String field, BsonValue value, Set<String> equality, Set<String> ranges, Set<String> residual) {
        if (value.isRegularExpression()) {
            residual.add(field);
            return;
        }
        if (!value.isDocument() || value.asDocument().isEmpty() || !value.asDocument().getFirstKey().startsWith("$")) {
            equality.add(field);
            return;
        }
        var operators = value.asDocument().keySet();
        if (operators.contains("$eq") || operators.contains("$in")) {
            equality.add(field);
        } else if (operators.stream().anyMatch(op -> Set.of("$lt", "$lte", "$gt", "$gte", "$exists").contains(op))) {
            ranges.add(field);
        } else {
            residual.add(field);
        }
    }

    /**
     * A point read or write by a whole unique key (like {@link #byId()}): the index finds at most one document, so
     * the query's other conditions are checked on that one document alone.
     */
    private boolean pointReadOf(IndexDefinition index) {
        return index.unique() && index.partialOn() == null && equality.containsAll(index.keys().keySet())
                && sort.isEmpty() && skip == 0;
    }

    /** A point read or write by primary key: the _id index serves it. */
    boolean byId() {
        return equality.contains("_id");
    }

    boolean servedBy(IndexDefinition index) {
        if (pointReadOf(index)) {
            return true;
        }
        var keys = new ArrayList<Map.Entry<String, Integer>>();
        index.keys().forEach((field, direction) -> keys.add(Map.entry(field, ((Number) direction).intValue())));
        if (keys.size() < equality.size()) {
            return false;
        }
        var prefix = new LinkedHashSet<String>();
        keys.subList(0, equality.size()).forEach(k -> prefix.add(k.getKey()));
        if (!prefix.equals(equality)) {
            return false;
        }
        var rest = keys.subList(equality.size(), keys.size());
        if (!sortMatches(rest)) {
            return false;
        }
        var restFields = rest.stream().map(Map.Entry::getKey).toList();
        if (!restFields.containsAll(ranges)) {
            return false;
        }
        // Without a sort to walk, the index bounds the first range field: it must come right after the prefix.
        return !sort.isEmpty() || ranges.isEmpty() || ranges.contains(restFields.get(0));
    }

    private boolean sortMatches(List<Map.Entry<String, Integer>> rest) {
        if (sort.isEmpty()) {
            return true;
        }
        if (rest.size() < sort.size()) {
            return false;
        }
        int i = 0;
        Boolean reversed = null;
        for (var wanted : sort.entrySet()) {
            var key = rest.get(i++);
            if (!key.getKey().equals(wanted.getKey())) {
                return false;
            }
            boolean flip = !key.getValue().equals(wanted.getValue());
            if (reversed != null && reversed != flip) {
                return false;
            }
            reversed = flip;
        }
        return true;
    }
}

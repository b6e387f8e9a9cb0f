package io.z3chat.persistence.store;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;

/**
 * One index of one collection, with the reason it exists (shown in logs and tests).
 *
 * @param partialOn when set, only documents that have this field are indexed (a partial index on real MongoDB;
 *                  mongo-java-server ignores the filter and indexes every document, which a non-unique index allows)
 */
public record IndexDefinition(String collection, Document keys, boolean unique, boolean sparse, String partialOn,
                              String why) {

    public IndexDefinition(String collection, Document keys, boolean unique, boolean sparse, String why) {
        this(collection, keys, unique, sparse, null, why);
    }

    public static IndexDefinition of(String collection, Document keys, String why) {
        return new IndexDefinition(collection, keys, false, false, why);
    }

    /** A non-unique index of only the documents that have {@code field}. */
    public static IndexDefinition partial(String collection, Document keys, String field, String why) {
        return new IndexDefinition(collection, keys, false, false, field, why);
    }

    public IndexOptions options() {
        var options = new IndexOptions().unique(unique).sparse(sparse);
        return partialOn == null ? options : options.partialFilterExpression(Filters.exists(partialOn));
    }
}

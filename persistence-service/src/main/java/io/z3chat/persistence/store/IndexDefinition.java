package io.z3chat.persistence.store;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;

import java.util.concurrent.TimeUnit;

/**
 * One index of one collection, with the reason it exists (shown in logs and tests).
 *
 * @param partialOn when set, only documents that have this field are indexed (a partial index on real MongoDB;
 *                  mongo-java-server ignores the filter and indexes every document, which a non-unique index allows)
 * @param expires   a TTL index: MongoDB removes a document once the time in its (single) key field has passed
 */
public record IndexDefinition(String collection, Document keys, boolean unique, boolean sparse, String partialOn,
                              boolean expires, String why) {

    public IndexDefinition(String collection, Document keys, boolean unique, boolean sparse, String why) {
        this(collection, keys, unique, sparse, null, false, why);
    }

    public static IndexDefinition of(String collection, Document keys, String why) {
        return new IndexDefinition(collection, keys, false, false, why);
    }

    /** A non-unique index of only the documents that have {@code field}. */
    public static IndexDefinition partial(String collection, Document keys, String field, String why) {
        return new IndexDefinition(collection, keys, false, false, field, false, why);
    }

    /** A TTL index on one date field: each document goes once its time there has passed. */
    public static IndexDefinition expiring(String collection, String field, String why) {
        return new IndexDefinition(collection, new Document(field, 1), false, false, null, true, why);
    }

    public IndexOptions options() {
        var options = new IndexOptions().unique(unique).sparse(sparse);
        if (expires) {
            options.expireAfter(0L, TimeUnit.SECONDS);
        }
        return partialOn == null ? options : options.partialFilterExpression(Filters.exists(partialOn));
    }
}

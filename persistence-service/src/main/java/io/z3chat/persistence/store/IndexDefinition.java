package io.z3chat.persistence.store;

import com.mongodb.client.model.IndexOptions;
import org.bson.Document;

/** One index of one collection, with the reason it exists (shown in logs and tests). */
public record IndexDefinition(String collection, Document keys, boolean unique, boolean sparse, String why) {

    public static IndexDefinition of(String collection, Document keys, String why) {
        return new IndexDefinition(collection, keys, false, false, why);
    }

    public IndexOptions options() {
        return new IndexOptions().unique(unique).sparse(sparse);
    }
}

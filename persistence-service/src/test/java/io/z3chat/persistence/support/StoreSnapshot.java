package io.z3chat.persistence.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/** Every stored document of one user, to prove a rejected request changed nothing. */
public record StoreSnapshot(List<Document> chats, List<Document> messages) {

    public static StoreSnapshot of(MongoClient client, String user) {
        var db = client.getDatabase("z3chat");
        return new StoreSnapshot(
                db.getCollection("chats").find(Filters.eq("userEmail", user)).sort(Sorts.ascending("_id")).into(new ArrayList<>()),
                db.getCollection("messages").find(Filters.eq("userEmail", user)).sort(Sorts.ascending("_id")).into(new ArrayList<>()));
    }

    /** All documents of the whole store (for requests that might have written under another user). */
    public static long countAll(MongoClient client) {
        var db = client.getDatabase("z3chat");
        return db.getCollection("chats").countDocuments() + db.getCollection("messages").countDocuments();
    }
}

package io.z3chat.persistence.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Direct access to the store for what no endpoint may do: back-date, plant imported-style data, inspect raw documents. */
public final class Store {

    /** Marks the commands these helpers send, so a test recording the service's own commands can leave them out. */
    public static final String COMMENT = "test-fixture";

    private Store() {
    }

    public static MongoCollection<Document> chats(MongoClient client) {
        return client.getDatabase("z3chat").getCollection("chats");
    }

    public static MongoCollection<Document> messages(MongoClient client) {
        return client.getDatabase("z3chat").getCollection("messages");
    }

    public static MongoCollection<Document> branches(MongoClient client) {
        return client.getDatabase("z3chat").getCollection("branches");
    }

    public static Document chat(MongoClient client, String chatId) {
        return chats(client).find(Filters.eq("_id", chatId)).comment(COMMENT).first();
    }

    public static Document message(MongoClient client, String messageId) {
        return messages(client).find(Filters.eq("_id", messageId)).comment(COMMENT).first();
    }

    public static void setChatField(MongoClient client, String chatId, String field, Object value) {
        chats(client).updateOne(Filters.eq("_id", chatId), Updates.set(field, value), new UpdateOptions().comment(COMMENT));
    }

    public static void setMessageField(MongoClient client, String messageId, String field, Object value) {
        messages(client).updateOne(Filters.eq("_id", messageId), Updates.set(field, value), new UpdateOptions().comment(COMMENT));
    }

    /** Messages as an import would leave them: all with the same timestamp, told apart only by id. */
    public static void insertMessages(MongoClient client, String user, String chatId, Instant timestamp, List<String> ids) {
        messages(client).insertMany(ids.stream().map(id -> new Document("_id", id)
                .append("chatId", chatId).append("userEmail", user).append("role", "user")
                .append("content", "message " + id).append("contentLength", ("message " + id).length())
                .append("timestamp", Date.from(timestamp)).append("status", "complete")).toList());
    }

    /** A live chat as the service would store it, for tests that need many quickly. */
    public static void insertChat(MongoClient client, String user, String chatId, String title, Instant at, int messageCount) {
        chats(client).insertOne(new Document("_id", chatId).append("userEmail", user).append("title", title)
                .append("titleSource", "user").append("createdAt", Date.from(at)).append("updatedAt", Date.from(at))
                .append("messageCount", messageCount).append("pinned", false).append("archived", false)
                .append("version", 1L));
    }
}

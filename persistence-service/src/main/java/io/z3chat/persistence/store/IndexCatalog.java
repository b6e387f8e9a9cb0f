package io.z3chat.persistence.store;

import org.bson.Document;

import java.util.List;

/**
 * Every index of the store. The first five are SPEC section 2's list; the others serve hot
 * queries that list cannot (IndexCoverageTest holds every query to this catalog). The text index
 * of search is not here: it exists only where the store has text search ({@link TextSearchIndex}).
 */
public final class IndexCatalog {

    public static final String CHATS = "chats";
    public static final String MESSAGES = "messages";
    public static final String RATE_WINDOWS = "rate_windows";
    public static final String BRANCHES = "branches";

    public static final List<IndexDefinition> ALL = List.of(
            IndexDefinition.of(MESSAGES, keys("userEmail", 1, "chatId", 1, "timestamp", -1),
                    "SPEC: a user's messages of one chat by time"),
            IndexDefinition.of(MESSAGES, keys("chatId", 1, "timestamp", -1),
                    "SPEC: a chat's messages by time"),
            IndexDefinition.of(MESSAGES, keys("userEmail", 1, "timestamp", -1),
                    "SPEC: a user's messages by time (search by date)"),
            IndexDefinition.of(CHATS, keys("userEmail", 1, "deletedAt", 1, "updatedAt", -1),
                    "SPEC: a user's live chats by activity"),
            // Sparse, not partialFilterExpression: real MongoDB leaves unshared chats out of
            // either, but mongo-java-server (tests, local run) ignores partial filters and would
            // then index every unshared chat as null and reject the second one (E11000).
            new IndexDefinition(CHATS, keys("share.id", 1), true, true,
                    "SPEC: a share link resolves to one chat; only shared chats are indexed"),
            IndexDefinition.of(CHATS, keys("userEmail", 1, "deletedAt", 1, "archived", 1,
                            "pinned", -1, "updatedAt", -1, "_id", 1),
                    "chat list: filter by user, live, archived; pinned first, then activity, then id"),
            new IndexDefinition(CHATS, keys("deletedAt", 1), false, true,
                    "purge: deleted chats past retention; only deleted chats are indexed"),
            IndexDefinition.of(MESSAGES, keys("userEmail", 1, "chatId", 1, "timestamp", -1, "_id", -1),
                    "message pages: cursor (timestamp, id) with the id breaking timestamp ties"),
            IndexDefinition.of(MESSAGES, keys("status", 1, "checkpointAt", 1),
                    "sweeper: streaming messages whose last checkpoint is old"),
            IndexDefinition.of(MESSAGES, keys("userEmail", 1, "timestamp", -1, "_id", -1),
                    "search: a user's messages newest first (date range, cursor), the id breaking ties"),
            IndexDefinition.of(CHATS, keys("userEmail", 1, "deletedAt", 1, "_id", 1),
                    "export: a user's live chats in id order, paged by id"),
            IndexDefinition.partial(MESSAGES, keys("userEmail", 1, "generationId", 1), "generationId",
                    "resume and cancel: the reply of one generation, however many messages came after it; "
                            + "only replies (messages with a generationId) are indexed"),
            new IndexDefinition(RATE_WINDOWS, keys("userEmail", 1, "windowStart", 1), true, false,
                    "message rate limit: one counter per user and window, upserted on every new user message"),
            IndexDefinition.expiring(RATE_WINDOWS, "expiresAt", "message rate limit: closed windows go by themselves"),
            IndexDefinition.of(MESSAGES, keys("userEmail", 1, "chatId", 1, "branchId", 1, "timestamp", -1, "_id", -1),
                    "selected path of a branched chat: one clause per line of the path, each a range of one line, "
                            + "merged in (timestamp, id) order; the original line is branchId null"),
            IndexDefinition.of(BRANCHES, keys("userEmail", 1, "chatId", 1, "forkAfterId", 1, "createdAt", 1),
                    "versions: the lines forking after the messages of one page (version i of n); a chat's lines"),
            IndexDefinition.of(BRANCHES, keys("userEmail", 1, "chatId", 1, "parentBranchId", 1, "activityAt", -1,
                            "forkAfterAt", 1, "forkAfterId", 1),
                    "switch: the line below a message written to last (the newest path under it)"));

    private IndexCatalog() {
    }

    /** Ordered index keys from (field, direction) pairs. */
    public static Document keys(Object... fieldsAndDirections) {
        var keys = new Document();
        for (int i = 0; i < fieldsAndDirections.length; i += 2) {
            keys.append((String) fieldsAndDirections[i], fieldsAndDirections[i + 1]);
        }
        return keys;
    }
}

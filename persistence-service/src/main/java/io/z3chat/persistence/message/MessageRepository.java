package io.z3chat.persistence.message;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.z3chat.persistence.store.StoreWrites;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

/**
 * Every query on {@code messages}, each scoped to the user. Pages walk the (timestamp, id)
 * order from a cursor, never with skip; state changes are single conditional updates.
 */
@ApplicationScoped
public class MessageRepository implements PanacheMongoRepositoryBase<MessageEntity, String> {

    static final Bson NEWEST_FIRST = Sorts.descending("timestamp", "_id");
    static final Bson OLDEST_FIRST = Sorts.ascending("timestamp", "_id");

    private static final FindOneAndUpdateOptions RETURN_AFTER =
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

    public Optional<MessageEntity> findOwned(String user, String id) {
        return Optional.ofNullable(mongoCollection().find(and(eq("_id", id), eq("userEmail", user))).first());
    }

    /** The user's message holding this generation's reply, found through the {userEmail, generationId} index. */
    Optional<MessageEntity> findByGeneration(String user, String generationId) {
        return Optional.ofNullable(mongoCollection()
                .find(and(eq("userEmail", user), eq("generationId", generationId))).first());
    }

    /**
     * The messages holding this id, whoever's they are: the one read not scoped to the user, so that a new message's
     * id is checked in one round trip (the user's own copy is a replay; another user's is answered 404, and nothing of
     * it leaves {@link MessageService#findOrInsert}). One at most on a single store; on a cluster sharded by user the
     * id is unique per shard only, so the user's own copy is looked for among up to two.
     */
    List<MessageEntity> holdersOf(String id) {
        return mongoCollection().find(eq("_id", id)).limit(2).into(new ArrayList<>());
    }

    /** @return false when the id is already taken */
    boolean insertIfAbsent(MessageEntity message) {
        return StoreWrites.insertIfAbsent(() -> persist(message));
    }

    /**
     * Inserts an import's messages; ids already stored (a retried import) are left as they are.
     * Unordered, so one taken id does not stop the rest.
     */
    public void insertImported(List<MessageEntity> batch) {
        StoreWrites.insertAllIfAbsent(mongoCollection(), batch);
    }

    /** Up to {@code limit} messages strictly before {@code cursor} (all when null), newest first. */
    List<MessageEntity> olderThan(String user, String chatId, Cursor cursor, int limit) {
        var filter = cursor == null ? inChat(user, chatId) : and(inChat(user, chatId),
                // The bound on timestamp is what the index walks; the $or only settles ties by id.
                lte("timestamp", cursor.timestamp()),
                or(lt("timestamp", cursor.timestamp()), lt("_id", cursor.id())));
        return mongoCollection().find(filter).sort(NEWEST_FIRST).limit(limit).into(new ArrayList<>());
    }

    /** Up to {@code limit} messages strictly after {@code cursor}, oldest first. */
    List<MessageEntity> newerThan(String user, String chatId, Cursor cursor, int limit) {
        return oldestFirst(user, chatId, cursor, null, limit);
    }

    /**
     * Up to {@code limit} messages strictly after {@code cursor} (from the first when null) and
     * not after {@code upTo} (when given), oldest first: exports and share snapshots walk a chat so.
     */
    public List<MessageEntity> oldestFirst(String user, String chatId, Cursor cursor, Instant upTo, int limit) {
        var filter = new ArrayList<>(List.of(inChat(user, chatId)));
        if (cursor != null) {
            filter.add(gte("timestamp", cursor.timestamp()));
            filter.add(or(gt("timestamp", cursor.timestamp()), gt("_id", cursor.id())));
        }
        if (upTo != null) {
            filter.add(lte("timestamp", upTo));
        }
        return mongoCollection().find(and(filter)).sort(OLDEST_FIRST).limit(limit).into(new ArrayList<>());
    }

    /**
     * Up to {@code limit} of all the user's messages, grouped by chat (chat ids descending) and
     * oldest first inside a chat, strictly after {@code after} (from the start when null): the
     * export of every chat reads them in one pass beside the chats, in the same chat order.
     */
    public List<MessageEntity> byChatDescending(String user, MessageEntity after, int limit) {
        var filter = new ArrayList<>(List.of(eq("userEmail", user)));
        if (after != null) {
            filter.add(lte("chatId", after.chatId));
            filter.add(or(lt("chatId", after.chatId),
                    and(eq("chatId", after.chatId), gt("timestamp", after.timestamp)),
                    and(eq("chatId", after.chatId), eq("timestamp", after.timestamp), gt("_id", after.id))));
        }
        return mongoCollection().find(and(filter))
                .sort(Sorts.orderBy(Sorts.descending("chatId"), Sorts.ascending("timestamp", "_id")))
                .limit(limit).into(new ArrayList<>());
    }

    // --- the selected path of a branched chat: one clause per segment, each walking the line index ---

    /** Up to {@code limit} messages of the path strictly before {@code cursor} (all when null), newest first. */
    List<MessageEntity> olderOnPath(String user, String chatId, SelectedPath path, Cursor cursor, int limit) {
        if (path.wholeChat()) {
            return olderThan(user, chatId, cursor, limit);
        }
        var clauses = new ArrayList<Bson>();
        for (var segment : path.reachingBack(cursor, limit)) {
            var bound = new ArrayList<>(onLine(user, chatId, segment.branchId()));
            if (cursor != null && (segment.until() == null || !segment.until().isBefore(cursor))) {
                bound.addAll(before(cursor));
            } else if (segment.until() != null) {
                bound.addAll(upTo(segment.until()));
            }
            clauses.add(and(bound));
        }
        return findAny(clauses, NEWEST_FIRST, limit);
    }

    /** Up to {@code limit} messages of the path strictly after {@code cursor} (from its start when null), oldest first. */
    List<MessageEntity> newerOnPath(String user, String chatId, SelectedPath path, Cursor cursor, int limit) {
        if (path.wholeChat()) {
            return newerThan(user, chatId, cursor, limit);
        }
        var clauses = new ArrayList<Bson>();
        for (var segment : path.reachingForward(cursor, limit)) {
            var bound = new ArrayList<>(onLine(user, chatId, segment.branchId()));
            if (cursor != null) {
                bound.add(gte("timestamp", cursor.timestamp()));
                bound.add(or(gt("timestamp", cursor.timestamp()), gt("_id", cursor.id())));
            }
            if (segment.until() != null) {
                bound.addAll(upTo(segment.until()));
            }
            clauses.add(and(bound));
        }
        return findAny(clauses, OLDEST_FIRST, limit);
    }

    /** The newest message of one line (the original line: {@code branchId} null), or null when it has none. */
    MessageEntity lineTip(String user, String chatId, String branchId, boolean wholeChat) {
        var filter = wholeChat ? inChat(user, chatId) : and(onLine(user, chatId, branchId));
        return mongoCollection().find(filter).sort(NEWEST_FIRST).limit(1).first();
    }

    /** The message of one line right before {@code cursor}, or null when the cursor is the line's first. */
    MessageEntity previousOnLine(String user, String chatId, String branchId, boolean wholeChat, Cursor cursor) {
        var filter = new ArrayList<Bson>(wholeChat ? List.of(inChat(user, chatId)) : onLine(user, chatId, branchId));
        filter.addAll(before(cursor));
        return mongoCollection().find(and(filter)).sort(NEWEST_FIRST).limit(1).first();
    }

    /** The message of one line right after {@code cursor} (its first when null), or null. */
    MessageEntity nextOnLine(String user, String chatId, String branchId, boolean wholeChat, Cursor cursor) {
        var filter = new ArrayList<Bson>(wholeChat ? List.of(inChat(user, chatId)) : onLine(user, chatId, branchId));
        if (cursor != null) {
            filter.add(gte("timestamp", cursor.timestamp()));
            filter.add(or(gt("timestamp", cursor.timestamp()), gt("_id", cursor.id())));
        }
        return mongoCollection().find(and(filter)).sort(OLDEST_FIRST).limit(1).first();
    }

    private List<MessageEntity> findAny(List<Bson> clauses, Bson sort, int limit) {
        if (clauses.isEmpty()) {
            return new ArrayList<>();
        }
        // A rooted $or: MongoDB plans each clause on the line index and merges them in index order.
        var filter = clauses.size() == 1 ? clauses.get(0) : or(clauses);
        return mongoCollection().find(filter).sort(sort).limit(limit).into(new ArrayList<>());
    }

    private static List<Bson> onLine(String user, String chatId, String branchId) {
        return List.of(eq("userEmail", user), eq("chatId", chatId), eq("branchId", branchId));
    }

    /** Strictly before the cursor in (timestamp, id) order; the timestamp bound is what the index walks. */
    private static List<Bson> before(Cursor cursor) {
        return List.of(lte("timestamp", cursor.timestamp()),
                or(lt("timestamp", cursor.timestamp()), lt("_id", cursor.id())));
    }

    /** Up to and including the cursor. */
    private static List<Bson> upTo(Cursor cursor) {
        return List.of(lte("timestamp", cursor.timestamp()),
                or(lt("timestamp", cursor.timestamp()), lte("_id", cursor.id())));
    }

    void replaceContent(String user, String id, String content) {
        mongoCollection().updateOne(and(eq("_id", id), eq("userEmail", user)),
                Updates.combine(Updates.set("content", content), Updates.set("contentLength", content.length())));
    }

    /**
     * Applies a checkpoint while the message is still streaming and the new text is not shorter
     * than the stored one; returns null when it does not apply.
     */
    MessageEntity checkpoint(String user, String id, CheckpointRequest request, Instant now) {
        var filter = and(eq("_id", id), eq("userEmail", user), eq("status", MessageStatus.STREAMING),
                lte("contentLength", request.content().length()));
        var changes = new ArrayList<>(List.of(Updates.set("checkpointAt", now)));
        changes.addAll(replyFields(request));
        return mongoCollection().findOneAndUpdate(filter, Updates.combine(changes), RETURN_AFTER);
    }

    /** Finishes a streaming message; null when it was no longer streaming. */
    MessageEntity finish(String user, String id, CheckpointRequest request) {
        var filter = and(eq("_id", id), eq("userEmail", user), eq("status", MessageStatus.STREAMING));
        return mongoCollection().findOneAndUpdate(filter, Updates.combine(replyFields(request)), RETURN_AFTER);
    }

    /**
     * Lets the generation that the sweeper gave up on still land its final reply (it may only
     * have lost touch with us); null when the message is not that.
     */
    MessageEntity finishSwept(String user, String id, CheckpointRequest request) {
        var filter = and(eq("_id", id), eq("userEmail", user), eq("status", MessageStatus.INTERRUPTED),
                exists("sweptAt"), eq("generationId", request.generationId()));
        var changes = new ArrayList<>(replyFields(request));
        changes.add(Updates.unset("sweptAt"));
        return mongoCollection().findOneAndUpdate(filter, Updates.combine(changes), RETURN_AFTER);
    }

    /** Marks streaming messages whose last checkpoint is older than {@code staleBefore} interrupted, text kept. */
    public long interruptStale(Instant staleBefore, Instant now) {
        return mongoCollection().updateMany(
                and(eq("status", MessageStatus.STREAMING), lt("checkpointAt", staleBefore)),
                Updates.combine(Updates.set("status", MessageStatus.INTERRUPTED), Updates.set("sweptAt", now)))
                .getModifiedCount();
    }

    public long deleteByChat(String user, String chatId) {
        return mongoCollection().deleteMany(inChat(user, chatId)).getDeletedCount();
    }

    private static Bson inChat(String user, String chatId) {
        return and(eq("userEmail", user), eq("chatId", chatId));
    }

    /** The fields a checkpoint or a finish sets; optional ones only when sent, so nothing is erased. */
    private static List<Bson> replyFields(CheckpointRequest r) {
        var set = new ArrayList<Bson>(List.of(Updates.set("content", r.content()),
                Updates.set("contentLength", r.content().length()), Updates.set("status", r.status())));
        addIfPresent(set, "usage", r.usage());
        addIfPresent(set, "timing", r.timing());
        addIfPresent(set, "error", r.error());
        addIfPresent(set, "generationId", r.generationId());
        addIfPresent(set, "generationOwner", r.generationOwner());
        addIfPresent(set, "model", r.model());
        addIfPresent(set, "provider", r.provider());
        return set;
    }

    private static void addIfPresent(List<Bson> set, String field, Object value) {
        if (value != null) {
            set.add(Updates.set(field, value));
        }
    }
}

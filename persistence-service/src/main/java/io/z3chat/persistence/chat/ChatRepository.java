package io.z3chat.persistence.chat;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.z3chat.persistence.common.LiteralPattern;
import io.z3chat.persistence.store.StoreWrites;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

/**
 * Every query on {@code chats}. Each one names the user, so another user's chat is simply not
 * found; writes are single conditional updates, never read-modify-write.
 */
@ApplicationScoped
public class ChatRepository implements PanacheMongoRepositoryBase<ChatEntity, String> {

    /** Pinned first, then recent activity, then id so equal times still page stably. */
    static final Bson LIST_ORDER = Sorts.orderBy(Sorts.descending("pinned", "updatedAt"), Sorts.ascending("_id"));

    private static final FindOneAndUpdateOptions RETURN_AFTER =
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
    private static final FindOneAndUpdateOptions RETURN_BEFORE =
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE);

    public Optional<ChatEntity> findVisible(String user, String id) {
        return Optional.ofNullable(mongoCollection().find(visible(user, id)).first());
    }

    /** The user's chat whether deleted or not. */
    public Optional<ChatEntity> findOwned(String user, String id) {
        return Optional.ofNullable(mongoCollection().find(owned(user, id)).first());
    }

    /** @return false when the id is taken (by this user or another). */
    public boolean insertIfAbsent(ChatEntity chat) {
        return StoreWrites.insertIfAbsent(() -> persist(chat));
    }

    List<ChatEntity> list(String user, ChatListQuery query) {
        return mongoCollection().find(listFilter(user, query))
                .sort(LIST_ORDER)
                .skip(query.offset())
                .limit(query.limit())
                .into(new ArrayList<>());
    }

    long count(String user, ChatListQuery query) {
        return mongoCollection().countDocuments(listFilter(user, query));
    }

    /**
     * Applies {@code changes} and bumps the version in one atomic step, only while the chat is
     * visible, at {@code expectedVersion} (when given) and still auto-titled (when asked).
     */
    ChatEntity updateVisible(String user, String id, Long expectedVersion, boolean onlyWhileAutoTitled, Bson changes) {
        var filter = new ArrayList<Bson>(List.of(visible(user, id)));
        if (expectedVersion != null) {
            filter.add(eq("version", expectedVersion));
        }
        if (onlyWhileAutoTitled) {
            filter.add(eq("titleSource", TitleSource.AUTO));
        }
        return mongoCollection().findOneAndUpdate(and(filter),
                Updates.combine(changes, Updates.inc("version", 1L)), RETURN_AFTER);
    }

    /** Hides the chat and revokes its share link in one step. */
    ChatEntity markDeleted(String user, String id, Instant now) {
        return mongoCollection().findOneAndUpdate(visible(user, id),
                Updates.combine(Updates.set("deletedAt", now), Updates.unset("share"), Updates.inc("version", 1L)),
                RETURN_AFTER);
    }

    ChatEntity restore(String user, String id, Instant deletedAfter) {
        return mongoCollection().findOneAndUpdate(and(owned(user, id), gt("deletedAt", deletedAfter)),
                Updates.combine(Updates.unset("deletedAt"), Updates.inc("version", 1L)), RETURN_AFTER);
    }

    /** Deleted chats whose retention ended, oldest first (only the fields the purge needs). */
    public List<ChatEntity> deletedUpTo(Instant cutoff, int batch) {
        return mongoCollection().find(lte("deletedAt", cutoff))
                .projection(Projections.include("_id", "userEmail", "deletedAt"))
                .sort(Sorts.ascending("deletedAt"))
                .limit(batch)
                .into(new ArrayList<>());
    }

    /**
     * Takes a deleted chat past its retention out of reach of restore (deletedAt moves to the
     * epoch) before its messages go, so a restore can never bring back a half-purged chat.
     */
    public boolean claimForPurge(String user, String id, Instant cutoff) {
        return mongoCollection().updateOne(and(owned(user, id), lte("deletedAt", cutoff)),
                Updates.set("deletedAt", Instant.EPOCH)).getModifiedCount() == 1;
    }

    public void deletePurged(String user, String id) {
        mongoCollection().deleteOne(and(owned(user, id), eq("deletedAt", Instant.EPOCH)));
    }

    /** Up to {@code limit} of the user's live chats with ids below {@code beforeId} (all when null), ids descending. */
    public List<ChatEntity> liveChatsDescending(String user, String beforeId, int limit) {
        var filter = new ArrayList<>(List.of(eq("userEmail", user), eq("deletedAt", null)));
        if (beforeId != null) {
            filter.add(lt("_id", beforeId));
        }
        return mongoCollection().find(and(filter)).sort(Sorts.descending("_id")).limit(limit).into(new ArrayList<>());
    }

    /** Ids of the user's deleted chats, whose messages stay stored until the purge but are found by no read. */
    public List<String> deletedIds(String user) {
        return mongoCollection().find(and(eq("userEmail", user), gte("deletedAt", Instant.EPOCH)))
                .projection(Projections.include("_id"))
                .map(chat -> chat.id)
                .into(new ArrayList<>());
    }

    /** Titles of those of {@code ids} that are the user's live chats. */
    public Map<String, String> visibleTitles(String user, Collection<String> ids) {
        var titles = new HashMap<String, String>();
        mongoCollection().find(and(in("_id", ids), eq("userEmail", user), eq("deletedAt", null)))
                .projection(Projections.include("_id", "title"))
                .forEach(chat -> titles.put(chat.id, chat.title));
        return titles;
    }

    // --- message bookkeeping: kept on the chat so a list never counts or scans messages ---

    /**
     * Reserves the timestamp of a new message and counts it, in one step: {@code now}, when that is after the chat's
     * newest message (the usual case). The preview moves to the new message in the same step, and the chat as it was
     * right before (its selected line, its count, its title) comes back from it, so the line the message goes on is
     * the one selected at its stamp. A message that is not stored after all gives its count back
     * ({@link #uncountMessage}).
     *
     * @return the stamp, or empty when the chat is not visible or its newest message is not before {@code now}
     *         ({@link #stampAfterNewest} then)
     */
    public Optional<Stamp> stampNow(String user, String chatId, String messageId, String preview, String model,
                                    Instant now) {
        var before = mongoCollection().findOneAndUpdate(
                and(visible(user, chatId), or(eq("lastMessageAt", null), lt("lastMessageAt", now))),
                newMessageChanges(messageId, preview, model, now), RETURN_BEFORE);
        return before == null ? Optional.empty() : Optional.of(new Stamp(now, before));
    }

    /**
     * As {@link #stampNow}, for a chat whose newest message is not before {@code now} (the same millisecond, another
     * replica's clock): the chat is read and the stamp, strictly after its newest message, set with a compare-and-set
     * on {@code lastMessageAt}, as often as another writer gets in between, so concurrent writers never share or
     * reorder a stamp.
     *
     * @return the stamp, or empty when the chat is not (or no longer) visible
     */
    public Optional<Stamp> stampAfterNewest(String user, String chatId, String messageId, String preview,
                                            String model, Instant now) {
        var current = findVisible(user, chatId).orElse(null);
        while (current != null) {
            var previous = current.lastMessageAt;
            var stamp = previous != null && !now.isAfter(previous) ? previous.plusMillis(1) : now;
            var before = mongoCollection().findOneAndUpdate(and(visible(user, chatId), eq("lastMessageAt", previous)),
                    newMessageChanges(messageId, preview, model, stamp), RETURN_BEFORE);
            if (before != null) {
                return Optional.of(new Stamp(stamp, before));
            }
            current = findVisible(user, chatId).orElse(null);
        }
        return Optional.empty();
    }

    private static Bson newMessageChanges(String messageId, String preview, String model, Instant stamp) {
        var changes = new ArrayList<>(List.of(Updates.set("lastMessageAt", stamp),
                Updates.set("lastMessageId", messageId), Updates.set("lastMessage", preview),
                Updates.max("updatedAt", stamp), Updates.inc("messageCount", 1)));
        if (model != null) {
            changes.add(Updates.set("model", model));
        }
        return Updates.combine(changes);
    }

    /**
     * A new message's time and where it goes.
     *
     * @param before the chat right before the stamp: its selected line (null: the original line), whether it had
     *               version lines, how many messages it held
     */
    public record Stamp(Instant at, ChatEntity before) {

        /** The line selected at the stamp (null: the original line). */
        public String branchId() {
            return before.selectedBranchId;
        }

        public boolean branched() {
            return before.isBranched();
        }

        /** Whether this is the chat's first message and its title is still the automatic one. */
        public boolean firstOfAutoTitledChat() {
            return before.messageCount == 0 && TitleSource.AUTO.equals(before.titleSource);
        }
    }

    /** Takes back the count of a stamped message whose id was taken meanwhile, so it was not stored. */
    public void uncountMessage(String user, String chatId) {
        mongoCollection().updateOne(owned(user, chatId), Updates.inc("messageCount", -1));
    }

    /**
     * Selects the path ending on {@code leafBranchId} (null: the original line), only while the selection is
     * still {@code expectedVersion} when given.
     *
     * @return the chat after the change, or null when it is not visible or the selection moved on
     */
    public ChatEntity select(String user, String chatId, String leafBranchId, Long expectedVersion) {
        var filter = new ArrayList<Bson>(List.of(visible(user, chatId)));
        if (expectedVersion != null) {
            // A chat that never switched has no selectionVersion stored: that is version 0.
            filter.add(expectedVersion == 0 ? or(eq("selectionVersion", 0L), eq("selectionVersion", null))
                    : eq("selectionVersion", expectedVersion));
        }
        return mongoCollection().findOneAndUpdate(and(filter), Updates.combine(
                Updates.set("selectedBranchId", leafBranchId), Updates.inc("selectionVersion", 1L)), RETURN_AFTER);
    }

    /** Marks the chat as having version lines, before its first one is stored, so no read takes it for linear. */
    public void markBranched(String user, String chatId) {
        mongoCollection().updateOne(owned(user, chatId), Updates.set("branched", true));
    }

    public void setAutoTitle(String user, String chatId, String title) {
        mongoCollection().updateOne(and(owned(user, chatId), eq("titleSource", TitleSource.AUTO)),
                Updates.set("title", title));
    }

    /**
     * Refreshes the preview when {@code messageId} is still the chat's newest message, and
     * moves {@code updatedAt} forward to {@code activityAt} when given.
     */
    public void refreshPreview(String user, String chatId, String messageId, String preview, Instant activityAt) {
        var set = Updates.set("lastMessage", preview);
        mongoCollection().updateOne(and(owned(user, chatId), eq("lastMessageId", messageId)),
                activityAt == null ? set : Updates.combine(set, Updates.max("updatedAt", activityAt)));
    }

    private static Bson owned(String user, String id) {
        return and(eq("_id", id), eq("userEmail", user));
    }

    private static Bson visible(String user, String id) {
        return and(owned(user, id), eq("deletedAt", null));
    }

    private static Bson listFilter(String user, ChatListQuery query) {
        var filter = new ArrayList<>(List.of(eq("userEmail", user), eq("deletedAt", null), eq("archived", query.archived())));
        if (query.titleContains() != null) {
            filter.add(regex("title", LiteralPattern.of(query.titleContains()), "i"));
        }
        return and(filter);
    }
}

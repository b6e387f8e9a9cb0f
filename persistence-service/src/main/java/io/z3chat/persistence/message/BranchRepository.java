package io.z3chat.persistence.message;

import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.z3chat.persistence.store.StoreWrites;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

/** Every query on {@code branches} (a chat's version lines), each scoped to the user and the chat. */
@ApplicationScoped
public class BranchRepository implements PanacheMongoRepositoryBase<BranchEntity, String> {

    Optional<BranchEntity> findOwned(String user, String chatId, String id) {
        return Optional.ofNullable(mongoCollection()
                .find(and(eq("_id", id), eq("userEmail", user), eq("chatId", chatId))).first());
    }

    /** @return false when the line exists already (a retried edit or regenerate) */
    boolean insertIfAbsent(BranchEntity branch) {
        return StoreWrites.insertIfAbsent(() -> persist(branch));
    }

    /** The lines of an import; those already stored (a retried import) are left as they are. */
    public void insertImported(List<BranchEntity> branches) {
        StoreWrites.insertAllIfAbsent(mongoCollection(), branches);
    }

    /**
     * The versions forking after each of {@code parentIds} (null: the versions of the chat's first message): what
     * a page needs to say "version i of n" for its own messages, whatever else the chat holds.
     */
    List<BranchEntity> forkingAfter(String user, String chatId, Collection<String> parentIds) {
        return mongoCollection().find(and(eq("userEmail", user), eq("chatId", chatId), in("forkAfterId", parentIds)))
                .projection(Projections.include("_id", "forkAfterId", "mainChildId", "createdAt"))
                .into(new ArrayList<>());
    }

    /**
     * The line forking from {@code parentBranchId} at or after {@code from} whose subtree was written to last:
     * where the newest path under a message goes, when it leaves that message's line.
     */
    BranchEntity newestForkFrom(String user, String chatId, String parentBranchId, Cursor from) {
        return mongoCollection().find(and(eq("userEmail", user), eq("chatId", chatId),
                        eq("parentBranchId", parentBranchId), gte("forkAfterAt", from.timestamp()),
                        or(gt("forkAfterAt", from.timestamp()), gte("forkAfterId", from.id()))))
                .sort(Sorts.descending("activityAt")).limit(1).first();
    }

    /** Records that the newest message under each of {@code lineIds} is now on {@code leafId}. */
    void touch(String user, String chatId, Collection<String> lineIds, String leafId, Instant at) {
        if (lineIds.isEmpty()) {
            return;
        }
        mongoCollection().updateMany(and(in("_id", lineIds), eq("userEmail", user), eq("chatId", chatId),
                        lt("activityAt", at)),
                Updates.combine(Updates.set("activityAt", at), Updates.set("newestLeafId", leafId)));
    }

    public long deleteByChat(String user, String chatId) {
        return mongoCollection().deleteMany(and(eq("userEmail", user), eq("chatId", chatId))).getDeletedCount();
    }
}

package io.z3chat.persistence.ratelimit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.types.ObjectId;

import java.time.Instant;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

/**
 * The per-user counters of {@code rate_windows}, by (userEmail, windowStart): one conditional upsert per counted
 * message, which counts it only while the window holds fewer than the limit.
 */
@ApplicationScoped
public class RateWindowRepository implements PanacheMongoRepositoryBase<RateWindowEntity, ObjectId> {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    /**
     * Counts one message in the user's window unless it holds {@code limit} already; returns whether it was counted.
     * The decision is the store's, in one atomic write, never a count read back: the filter matches only a window
     * with room (then it is incremented), and when nothing matches the upsert creates the window, which the unique
     * index refuses (a duplicate key) when the window exists and is full. A refused attempt changes nothing. Two first
     * messages of a window may both try to create it: the loser of that race tries once more against the winner's.
     */
    boolean tryAdd(String user, Instant windowStart, Instant expiresAt, long limit) {
        var withRoom = and(eq("userEmail", user), eq("windowStart", windowStart), lt("count", limit));
        var countIt = Updates.combine(Updates.inc("count", 1), Updates.setOnInsert("expiresAt", expiresAt));
        for (int attempt = 1; ; attempt++) {
            try {
                mongoCollection().updateOne(withRoom, countIt, UPSERT);
                return true;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                if (attempt == 2) {
                    return false;
                }
            }
        }
    }

    /** Takes one count back from the user's window (a message counted but then not stored). */
    void takeBack(String user, Instant windowStart) {
        mongoCollection().updateOne(and(eq("userEmail", user), eq("windowStart", windowStart)),
                Updates.inc("count", -1));
    }
}

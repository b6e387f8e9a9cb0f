package io.z3chat.persistence.ratelimit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.types.ObjectId;

import java.time.Instant;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/** The per-user counters of {@code rate_windows}: one atomic upsert per counted message, by (userEmail, windowStart). */
@ApplicationScoped
public class RateWindowRepository implements PanacheMongoRepositoryBase<RateWindowEntity, ObjectId> {

    private static final FindOneAndUpdateOptions UPSERT_RETURN_AFTER =
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);

    /**
     * Adds {@code delta} to the user's count in the window and returns the new count. Two first messages of a window
     * may both try to create its document; the loser of that race (a duplicate key) adds to the winner's.
     */
    long add(String user, Instant windowStart, Instant expiresAt, int delta) {
        var filter = and(eq("userEmail", user), eq("windowStart", windowStart));
        var update = Updates.combine(Updates.inc("count", delta), Updates.setOnInsert("expiresAt", expiresAt));
        try {
            return mongoCollection().findOneAndUpdate(filter, update, UPSERT_RETURN_AFTER).count;
        } catch (MongoWriteException | MongoCommandException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            return mongoCollection().findOneAndUpdate(filter, update, UPSERT_RETURN_AFTER).count;
        }
    }

    private static boolean isDuplicateKey(RuntimeException e) {
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return ErrorCategory.fromErrorCode(((MongoCommandException) e).getErrorCode()) == ErrorCategory.DUPLICATE_KEY;
    }
}

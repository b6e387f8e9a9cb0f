package io.z3chat.persistence.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import org.jboss.logging.Logger;

import java.util.List;

/** The ways this service meets a store that says no: taken ids, and a store that is down. */
public final class StoreWrites {

    private StoreWrites() {
    }

    /**
     * Runs an insert whose id may already be taken: ids come from callers, and "taken" is an
     * answer (idempotent retry, or someone else's id), not a failure.
     *
     * @return false when the id was taken
     */
    public static boolean insertIfAbsent(Runnable insert) {
        try {
            insert.run();
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Inserts documents of an import unordered, so one taken id does not stop the rest; ids already stored (a
     * retried import) are left as they are.
     */
    public static <T> void insertAllIfAbsent(MongoCollection<T> collection, List<T> documents) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(error -> error.getCategory() != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
        }
    }

    /** Runs background work that simply waits for its next turn while the store is unreachable. */
    public static void unlessStoreDown(Logger log, String what, Runnable work) {
        try {
            work.run();
        } catch (MongoException e) {
            log.warnf("%s skipped, store unavailable (%s)", what, e.getClass().getSimpleName());
        }
    }
}

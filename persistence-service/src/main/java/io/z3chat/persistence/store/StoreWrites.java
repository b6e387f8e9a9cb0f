package io.z3chat.persistence.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import org.jboss.logging.Logger;

/** The two ways this service meets a store that says no: a taken id, and a store that is down. */
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

    /** Runs background work that simply waits for its next turn while the store is unreachable. */
    public static void unlessStoreDown(Logger log, String what, Runnable work) {
        try {
            work.run();
        } catch (MongoException e) {
            log.warnf("%s skipped, store unavailable (%s)", what, e.getClass().getSimpleName());
        }
    }
}

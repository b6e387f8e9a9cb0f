package io.z3chat.persistence.store;

import com.mongodb.client.MongoClient;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the catalog's indexes at start-up, and the text index where the store has text search;
 * creating an existing index is a no-op, so every replica may. A store that is down at start-up
 * does not stop the service (it stays live and turns ready when the store answers): the indexes
 * are then retried until they are in place.
 */
@ApplicationScoped
public class IndexInitializer {

    private static final Logger LOG = Logger.getLogger(IndexInitializer.class);

    private final MongoClient client;
    private final String database;
    private final TextSearchIndex textSearch;
    private volatile boolean ensured;

    IndexInitializer(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                     TextSearchIndex textSearch) {
        this.client = client;
        this.database = database;
        this.textSearch = textSearch;
    }

    void onStart(@Observes StartupEvent event) {
        StoreWrites.unlessStoreDown(LOG, "indexes (retried every 30 s)", this::ensureIndexes);
    }

    @Scheduled(identity = "index-retry", every = "30s", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retry() {
        if (!ensured) {
            StoreWrites.unlessStoreDown(LOG, "indexes (retried every 30 s)", this::ensureIndexes);
        }
    }

    public void ensureIndexes() {
        var db = client.getDatabase(database);
        for (var index : IndexCatalog.ALL) {
            db.getCollection(index.collection()).createIndex(index.keys(), index.options());
        }
        textSearch.ensure(db);
        ensured = true;
        LOG.infof("indexes ensured count=%d database=%s", IndexCatalog.ALL.size(), database);
    }
}

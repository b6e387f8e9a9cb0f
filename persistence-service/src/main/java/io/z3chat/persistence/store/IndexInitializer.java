package io.z3chat.persistence.store;

import com.mongodb.client.MongoClient;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Creates the catalog's indexes at start-up; creating an existing index is a no-op, so every replica may. */
@ApplicationScoped
public class IndexInitializer {

    private static final Logger LOG = Logger.getLogger(IndexInitializer.class);

    private final MongoClient client;
    private final String database;

    IndexInitializer(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.client = client;
        this.database = database;
    }

    void onStart(@Observes StartupEvent event) {
        ensureIndexes();
    }

    public void ensureIndexes() {
        var db = client.getDatabase(database);
        for (var index : IndexCatalog.ALL) {
            db.getCollection(index.collection()).createIndex(index.keys(), index.options());
        }
        LOG.infof("indexes ensured count=%d database=%s", IndexCatalog.ALL.size(), database);
    }
}

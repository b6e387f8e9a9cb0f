package io.z3chat.persistence.store;

import com.mongodb.MongoServerException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * The text index that serves search on a MongoDB with text search, and the start-up check of
 * whether the store has it. The embedded store (tests, local run) accepts the index but has no
 * {@code $text}: the probe fails there, the index is dropped again and search scans with escaped
 * regular expressions instead, bounded to the user's messages.
 */
@ApplicationScoped
public class TextSearchIndex {

    /** How search finds words: auto-detected at start-up, or forced. */
    public enum Mode { AUTO, TEXT, REGEX }

    @ConfigMapping(prefix = "z3chat.search")
    public interface SearchModeConfig {
        /** auto (detect), text (MongoDB text index), regex (escaped scan of the user's messages). */
        @WithDefault("auto")
        Mode mode();
    }

    public static final String NAME = "messages_text_search";
    /**
     * The user first, so a text query is always bounded to one user's messages. Language "none":
     * no stemming and no stop words, so every word a user types can be found as typed.
     */
    static final Document KEYS = IndexCatalog.keys("userEmail", 1, "content", "text");

    private static final Logger LOG = Logger.getLogger(TextSearchIndex.class);

    private final SearchModeConfig config;
    private volatile boolean available;

    TextSearchIndex(SearchModeConfig config) {
        this.config = config;
    }

    /** True once the store has been seen to serve {@code $text} queries from this index. */
    public boolean available() {
        return available;
    }

    void ensure(MongoDatabase db) {
        if (config.mode() == Mode.REGEX) {
            available = false;
            LOG.info("search mode=regex (configured)");
            return;
        }
        var messages = db.getCollection(IndexCatalog.MESSAGES);
        messages.createIndex(KEYS, new IndexOptions().name(NAME).defaultLanguage("none"));
        try {
            // Asking for the plan, not for documents: a store without $text may not notice it in a
            // query that has no document to test, but it cannot plan one.
            db.runCommand(new Document("explain", new Document("find", IndexCatalog.MESSAGES)
                    .append("filter", new Document("userEmail", "probe").append("$text", new Document("$search", "probe"))))
                    .append("verbosity", "queryPlanner"));
            available = true;
            LOG.info("search mode=text (the store serves $text from index " + NAME + ")");
        } catch (MongoServerException e) {
            // The store answered and said no; a store that is down throws something else and is retried.
            available = false;
            messages.dropIndex(NAME);
            LOG.infof("search mode=regex (the store has no $text: %s)", e.getClass().getSimpleName());
            if (config.mode() == Mode.TEXT) {
                LOG.warn("z3chat.search.mode=text was asked for, but the store cannot serve it; searching by regex");
            }
        }
    }
}

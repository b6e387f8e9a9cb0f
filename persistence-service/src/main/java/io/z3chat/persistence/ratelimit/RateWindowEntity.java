package io.z3chat.persistence.ratelimit;

import io.quarkus.mongodb.panache.common.MongoEntity;
import io.z3chat.persistence.store.IndexCatalog;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.types.ObjectId;

import java.time.Instant;

/** A document of {@code rate_windows}: how many user messages one user stored in one fixed window. */
@MongoEntity(collection = IndexCatalog.RATE_WINDOWS)
public class RateWindowEntity {

    @BsonId
    public ObjectId id;
    public String userEmail;
    public Instant windowStart;
    public long count;
    /** The TTL index removes the window a while after it has closed. */
    public Instant expiresAt;
}

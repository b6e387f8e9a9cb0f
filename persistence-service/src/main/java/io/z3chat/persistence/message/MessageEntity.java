package io.z3chat.persistence.message;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/** A document of {@code messages} (SPEC section 2). */
@MongoEntity(collection = "messages")
public class MessageEntity {

    @BsonId
    public String id;
    public String chatId;
    public String userEmail;
    public String role;
    public String content;
    /** {@code content.length()}, so "ignore a shorter checkpoint" is a filter, not a read-then-write. */
    public int contentLength;
    public Instant timestamp;
    public String status;
    public String model;
    public String provider;
    public String generationId;
    public String generationOwner;
    public Usage usage;
    public Timing timing;
    public MessageError error;
    public Instant checkpointAt;
    /** Set when the sweeper interrupted it: only then may the same generation's final reply replace it. */
    public Instant sweptAt;
    /**
     * The version line (branch) the message is on: the id of that line's first message; absent on a chat's
     * original line, so messages stored before branching existed are on it unchanged.
     */
    public String branchId;
    /** Set on the first message of a version line only: the message it answers (absent: the chat's first). */
    public String parentId;
}

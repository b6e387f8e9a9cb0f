package io.z3chat.persistence.chat;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/** A document of {@code chats} (SPEC section 2), plus two fields that keep message order and the preview right. */
@MongoEntity(collection = "chats")
public class ChatEntity {

    @BsonId
    public String id;
    public String userEmail;
    public String title;
    public String titleSource;
    public Instant createdAt;
    /** Last activity: a message stored or finished (not a rename or a pin). */
    public Instant updatedAt;
    public String lastMessage;
    /** The message {@link #lastMessage} previews, so a later edit of it can refresh the preview. */
    public String lastMessageId;
    /** Timestamp of the newest message; the next one is stamped strictly after it. */
    public Instant lastMessageAt;
    public int messageCount;
    public String model;
    public boolean pinned;
    public boolean archived;
    public Instant deletedAt;
    public ChatShare share;
    /** The leaf line of the selected path (a branch id); absent: the original line. */
    public String selectedBranchId;
    /** Counts changes of the selection, so a switch can be made conditional on what the caller saw. */
    public long selectionVersion;
    /**
     * Set (before its first new version is stored) once the chat has version lines; a chat without it is
     * linear and its reads stay as they were, with no line filter.
     */
    public boolean branched;
    /** Counts changes to the chat's own fields (title, pin, archive, delete), not message activity. */
    public long version;

    public boolean isBranched() {
        return branched;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }
}

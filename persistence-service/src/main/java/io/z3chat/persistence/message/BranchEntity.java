package io.z3chat.persistence.message;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A document of {@code branches}: one version line of a chat's message tree. A line starts with the message
 * whose id it takes (a new version of a message: an edit or a regenerated reply) and holds the messages
 * written on it after that. The chat's original line has no document; its messages carry no {@code branchId}.
 * A chat has one document per version it ever made, never one per message.
 */
@MongoEntity(collection = "branches")
public class BranchEntity {

    /** The id of the line's first message. */
    @BsonId
    public String id;
    public String userEmail;
    public String chatId;
    /** The line the fork leaves; null: the original line. */
    public String parentBranchId;
    /** The message the first message answers, on the parent line; null: a new version of the chat's first message. */
    public String forkAfterId;
    public Instant forkAfterAt;
    /** The parent line's own child of {@link #forkAfterId}, the first version at the fork ("1 of n"). */
    public String mainChildId;
    /**
     * The selected path down to the fork, root first: each line and the last of its messages on the path, so
     * one read of a leaf line gives every segment of its path.
     */
    public List<Segment> ancestors = new ArrayList<>();
    public Instant createdAt;
    /** The newest message written on this line or any line below it. */
    public Instant activityAt;
    /** The line that newest message is on: the leaf of the newest path under this line's first message. */
    public String newestLeafId;

    /** A line of a path and the last of its messages on it. */
    public static class Segment {
        /** Null: the original line. */
        public String branchId;
        public Instant untilAt;
        public String untilId;

        public static Segment of(String branchId, Cursor until) {
            var segment = new Segment();
            segment.branchId = branchId;
            segment.untilAt = until.timestamp();
            segment.untilId = until.id();
            return segment;
        }

        Cursor until() {
            return new Cursor(untilAt, untilId);
        }
    }
}

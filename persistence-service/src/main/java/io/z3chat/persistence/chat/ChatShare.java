package io.z3chat.persistence.chat;

import org.bson.codecs.pojo.annotations.BsonProperty;

import java.time.Instant;

/** The {@code share} sub-document; absent while a chat is not shared (issue 3 sets it). */
public class ChatShare {

    /**
     * Stored as {@code share.id} (the unique index). Not named {@code id} in Java: the POJO codec
     * would take that for a document id and read and write it as {@code _id}.
     */
    @BsonProperty("id")
    public String shareId;
    public Instant createdAt;
    public Instant expiresAt;
}

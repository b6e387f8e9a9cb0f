package io.z3chat.llmproxy.persistence;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;
import io.z3chat.llmproxy.reply.MessagePatch;

/**
 * The same PATCH as {@link PersistenceClient}, on a connection pool of its own with a shorter timeout: checkpoints
 * never queue in front of final replies, and a slow checkpoint is given up on (the next one carries its text).
 */
@RegisterRestClient(configKey = "persistence-checkpoints")
@Path("/chats/{chatId}/messages/{messageId}")
public interface CheckpointClient {

    @PATCH
    Uni<Void> patch(@PathParam("chatId") String chatId, @PathParam("messageId") String messageId,
            @HeaderParam("Authorization") String authorization, MessagePatch patch);
}

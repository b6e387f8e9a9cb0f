package io.z3chat.llmproxy.persistence;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;
import io.z3chat.llmproxy.reply.MessagePatch;

/** persistence-service, as far as this service writes to it. Non-2xx answers fail with WebApplicationException. */
@RegisterRestClient(configKey = "persistence")
@Path("/chats/{chatId}/messages/{messageId}")
public interface PersistenceClient {

    @PATCH
    Uni<Void> patch(@PathParam("chatId") String chatId, @PathParam("messageId") String messageId,
            @HeaderParam("Authorization") String authorization, MessagePatch patch);
}

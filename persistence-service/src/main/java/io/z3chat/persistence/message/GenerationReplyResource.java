package io.z3chat.persistence.message;

import io.quarkus.security.Authenticated;
import io.z3chat.persistence.auth.ActingUser;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;

/** {@code GET /chats/{chatId}/generations/{generationId}}: the message a generation's reply is written to. */
@Path("/chats/{chatId}/generations/{generationId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class GenerationReplyResource {

    private final MessageService messages;
    private final ActingUser user;

    GenerationReplyResource(MessageService messages, ActingUser user) {
        this.messages = messages;
        this.user = user;
    }

    @GET
    public Message get(@RestPath String chatId, @RestPath String generationId) {
        return Message.of(messages.getByGeneration(user.email(), chatId, generationId));
    }
}

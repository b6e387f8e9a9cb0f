package io.z3chat.persistence.message;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.quarkus.security.Authenticated;
import io.z3chat.persistence.auth.ActingUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** HTTP side of a chat's messages; the rules live in the services. */
@Path("/chats/{chatId}/messages")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MessageResource {

    private final MessagePager pager;
    private final MessageService messages;
    private final ReplyService replies;
    private final VersionService versions;
    private final ActingUser user;

    MessageResource(MessagePager pager, MessageService messages, ReplyService replies, VersionService versions,
                    ActingUser user) {
        this.pager = pager;
        this.versions = versions;
        this.messages = messages;
        this.replies = replies;
        this.user = user;
    }

    @GET
    public MessagePage page(@RestPath String chatId, @RestQuery String limit, @RestQuery String before,
                            @RestQuery String after, @RestQuery String around) {
        return pager.page(user.email(), chatId, limit, before, after, around);
    }

    @GET
    @Path("/{messageId}")
    public Message get(@RestPath String chatId, @RestPath String messageId) {
        return Message.of(messages.get(user.email(), chatId, messageId));
    }

    @PUT
    @Path("/{messageId}")
    @APIResponse(responseCode = "201", description = "Stored (the first message of an unknown chat creates it)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Message.class)))
    @APIResponse(responseCode = "200", description = "The same message was stored already",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Message.class)))
    public RestResponse<Message> put(@RestPath String chatId, @RestPath String messageId,
                                     @Valid @NotNull PutMessageRequest request) {
        return respond(messages.put(user.email(), chatId, messageId, request));
    }

    @PATCH
    @Path("/{messageId}")
    @APIResponse(responseCode = "201", description = "The first checkpoint created the assistant message",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Message.class)))
    @APIResponse(responseCode = "200", description = "Applied, or ignored as late (the stored message is returned)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Message.class)))
    public RestResponse<Message> patch(@RestPath String chatId, @RestPath String messageId,
                                       @Valid @NotNull CheckpointRequest request) {
        return respond(replies.update(user.email(), chatId, messageId, request));
    }

    /** A new version of the message: an edit of a user message, or a regenerated reply. */
    @POST
    @Path("/{messageId}/versions")
    @APIResponse(responseCode = "201", description = "The new version, selected",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Message.class)))
    @APIResponse(responseCode = "200", description = "That id was made already (a retry): the version as stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Message.class)))
    public RestResponse<Message> addVersion(@RestPath String chatId, @RestPath String messageId,
                                            @Valid @NotNull VersionRequest request) {
        var stored = versions.addVersion(user.email(), chatId, messageId, request);
        return RestResponse.status(stored.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK,
                versions.shown(user.email(), chatId, stored.message()));
    }

    private static RestResponse<Message> respond(MessageService.Stored stored) {
        return RestResponse.status(stored.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK,
                Message.of(stored.message()));
    }
}

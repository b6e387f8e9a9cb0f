package io.z3chat.persistence.chat;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.quarkus.security.Authenticated;
import io.z3chat.persistence.auth.ActingUser;
import io.z3chat.persistence.error.ApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;

/** HTTP side of chats; the rules live in {@link ChatService}. */
@Path("/chats")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChatResource {

    private final ChatService service;
    private final ActingUser user;

    ChatResource(ChatService service, ActingUser user) {
        this.service = service;
        this.user = user;
    }

    @GET
    public ChatList list(@RestQuery String limit, @RestQuery String offset, @RestQuery String q,
                         @RestQuery String archived) {
        return service.list(user.email(), ChatListQuery.parse(limit, offset, q, archived));
    }

    @POST
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Chat.class)))
    @APIResponse(responseCode = "200", description = "A chat with this id existed already",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Chat.class)))
    public RestResponse<Chat> create(CreateChatRequest request) {
        var result = service.create(user.email(), request);
        var chat = Chat.of(result.chat());
        if (result.created()) {
            return RestResponse.ResponseBuilder.<Chat>created(URI.create("/chats/" + chat.id())).entity(chat).build();
        }
        return RestResponse.ok(chat);
    }

    @GET
    @Path("/{id}")
    public RestResponse<Chat> get(@RestPath String id) {
        return withEtag(service.requireVisible(user.email(), id));
    }

    @PUT
    @Path("/{id}")
    public RestResponse<Chat> update(@RestPath String id, @RestHeader("If-Match") String ifMatch,
                                     UpdateChatRequest request) {
        return withEtag(service.update(user.email(), id, request, expectedVersion(ifMatch)));
    }

    @DELETE
    @Path("/{id}")
    public void delete(@RestPath String id) {
        service.delete(user.email(), id);
    }

    @POST
    @Path("/{id}/restore")
    public RestResponse<Chat> restore(@RestPath String id) {
        return withEtag(service.restore(user.email(), id));
    }

    private static RestResponse<Chat> withEtag(ChatEntity chat) {
        return RestResponse.ResponseBuilder.ok(Chat.of(chat)).header("ETag", "\"" + chat.version + "\"").build();
    }

    /** {@code If-Match: "3"} or {@code 3}; {@code *} or none means "whatever the version". */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        var value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("If-Match must be a chat version, e.g. \"3\"");
        }
    }
}

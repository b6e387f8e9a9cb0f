package io.z3chat.gateway.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.z3chat.gateway.Ids;
import io.z3chat.gateway.auth.UserEmail;
import io.z3chat.gateway.chat.ChatHub;
import io.z3chat.gateway.chat.ServerFrame;
import io.z3chat.gateway.downstream.Target;
import io.z3chat.gateway.error.GatewayException;

/** {@code /api/chat/**}: chats and message pages, forwarded to persistence-service as the signed-in user. */
@Path("/api/chat")
public class ChatResource {

    private final ApiProxy proxy;
    private final SecurityIdentity identity;
    private final ChatHub hub;
    private final ObjectMapper mapper;

    ChatResource(ApiProxy proxy, SecurityIdentity identity, ChatHub hub, ObjectMapper mapper) {
        this.proxy = proxy;
        this.identity = identity;
        this.hub = hub;
        this.mapper = mapper;
    }

    @GET
    public Uni<Response> list(@QueryParam("limit") String limit, @QueryParam("offset") String offset,
            @QueryParam("q") String q, @QueryParam("archived") String archived) {
        String query = Query.of().add("limit", limit).add("offset", offset).add("q", q).add("archived", archived).toString();
        return proxy.forward(Target.PERSISTENCE, HttpMethod.GET, "/chats" + query, user());
    }

    @POST
    public Uni<Response> create(String body) {
        return proxy.forward(Target.PERSISTENCE, HttpMethod.POST, "/chats", user(), body, Map.of());
    }

    @GET
    @Path("{chatId}")
    public Uni<Response> page(@PathParam("chatId") String chatId, @QueryParam("limit") String limit,
            @QueryParam("before") String before, @QueryParam("after") String after,
            @QueryParam("around") String around) {
        String query = Query.of().add("limit", limit).add("before", before).add("after", after).add("around", around)
                .toString();
        return proxy.forward(Target.PERSISTENCE, HttpMethod.GET, chat(chatId) + "/messages" + query, user());
    }

    @PUT
    @Path("{chatId}")
    public Uni<Response> update(@PathParam("chatId") String chatId, @HeaderParam("If-Match") String ifMatch,
            String body) {
        Map<String, String> headers = ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch);
        return proxy.forward(Target.PERSISTENCE, HttpMethod.PUT, chat(chatId), user(), body, headers);
    }

    @DELETE
    @Path("{chatId}")
    public Uni<Response> delete(@PathParam("chatId") String chatId) {
        return proxy.forward(Target.PERSISTENCE, HttpMethod.DELETE, chat(chatId), user());
    }

    @POST
    @Path("{chatId}/restore")
    public Uni<Response> restore(@PathParam("chatId") String chatId) {
        return proxy.forward(Target.PERSISTENCE, HttpMethod.POST, chat(chatId) + "/restore", user());
    }

    @POST
    @Path("{chatId}/share")
    public Uni<Response> share(@PathParam("chatId") String chatId, String body) {
        return proxy.forward(Target.PERSISTENCE, HttpMethod.POST, chat(chatId) + "/share", user(), body, Map.of());
    }

    @DELETE
    @Path("{chatId}/share")
    public Uni<Response> unshare(@PathParam("chatId") String chatId) {
        return proxy.forward(Target.PERSISTENCE, HttpMethod.DELETE, chat(chatId) + "/share", user());
    }

    /**
     * Switches the version shown: selects the path through {@code messageId} and the newest path under it, and answers
     * the page around it on that path. Every socket of the user on this instance is told by a {@code chat} frame
     * carrying the chat's new {@code selectionVersion}, so another tab showing the chat knows its path moved: a tab
     * that only reads a chat does not follow it (that takes a send or a resume there), so the chat's room would miss it.
     */
    @PUT
    @Path("{chatId}/selection")
    public Uni<Response> select(@PathParam("chatId") String chatId, @QueryParam("limit") String limit, String body) {
        String user = user();
        String path = chat(chatId) + "/selection" + Query.of().add("limit", limit);
        requireSelection(body);
        return proxy.forward(Target.PERSISTENCE, HttpMethod.PUT, path, user, body, Map.of(), answer -> {
            if (answer.status() == 200) {
                JsonNode chat = readTree(answer.body().getBytes()).path("chat");
                if (chat.isObject()) {
                    hub.tellAll(user, new ServerFrame.Chat(chat));
                }
            }
        });
    }

    /** {@code {messageId, selectionVersion?}}: a bad id is 400 here, before any downstream call. */
    private void requireSelection(String body) {
        JsonNode selection = body == null || body.isBlank() ? null : readTree(body.getBytes(StandardCharsets.UTF_8));
        if (selection == null || !selection.isObject() || !Ids.isId(selection.path("messageId").asText(null))
                || !selection.path("messageId").isTextual()) {
            throw GatewayException.invalidRequest("Body must be {messageId, selectionVersion?} with a valid messageId");
        }
        JsonNode version = selection.get("selectionVersion");
        if (version != null && !version.isNull() && !version.canConvertToLong()) {
            throw GatewayException.invalidRequest("selectionVersion must be an integer");
        }
    }

    private JsonNode readTree(byte[] json) {
        try {
            return mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw GatewayException.invalidRequest("Body must be JSON");
        }
    }

    private String user() {
        return UserEmail.require(identity);
    }

    private static String chat(String chatId) {
        return "/chats/" + Ids.requireId(chatId, "chatId");
    }
}

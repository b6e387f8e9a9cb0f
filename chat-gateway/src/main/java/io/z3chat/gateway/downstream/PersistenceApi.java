package io.z3chat.gateway.downstream;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.z3chat.gateway.error.GatewayException;

/** The persistence-service calls the chat flow makes (the browser API proxies the rest as-is). */
@ApplicationScoped
public class PersistenceApi {

    private final DownstreamClient client;
    private final ObjectMapper mapper;

    PersistenceApi(DownstreamClient client, ObjectMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    /** Idempotent create of the user's message (201 created, 200 already there); 4xx become exceptions. */
    public Uni<DownstreamResponse> putUserMessage(String user, String chatId, String messageId, String content,
            String model) {
        var body = mapper.createObjectNode().put("role", "user").put("content", content).put("model", model);
        return client.exchange(json(HttpMethod.PUT, "/chats/" + chatId + "/messages/" + messageId, user),
                Buffer.buffer(body.toString())).map(PersistenceApi::requireOk);
    }

    /**
     * A new version of {@code messageId} with the caller's {@code id} (201 created, 200 already made by a retry), which
     * persistence selects: an edit of a user message ({@code content} the edited text, counted against the user's
     * message limit) or a regenerated reply ({@code content} null: it starts empty and streaming, the generation
     * writes it). 4xx become exceptions.
     */
    public Uni<StoredMessage> addVersion(String user, String chatId, String messageId, String id, String content,
            String model) {
        var body = mapper.createObjectNode().put("id", id);
        if (content != null) {
            body.put("content", content);
        }
        if (model != null) {
            body.put("model", model);
        }
        return client.exchange(json(HttpMethod.POST, "/chats/" + chatId + "/messages/" + messageId + "/versions", user),
                Buffer.buffer(body.toString())).map(response -> read(requireOk(response), StoredMessage.class));
    }

    /**
     * The page of the selected path with {@code messageId} in the middle (409 {@code conflict} when that message is
     * a version off the selected path, 404 when it is not this user's in this chat).
     */
    public Uni<MessagePage> messagesAround(String user, String chatId, String messageId, int limit) {
        return client.exchange(DownstreamCall.of(Target.PERSISTENCE, HttpMethod.GET,
                "/chats/" + chatId + "/messages?limit=" + limit + "&around=" + messageId, user))
                .map(response -> read(requireOk(response), MessagePage.class));
    }

    /** One message of the user's chat (404 when it is not theirs, or not in that chat). */
    public Uni<StoredMessage> message(String user, String chatId, String messageId) {
        return client.exchange(DownstreamCall.of(Target.PERSISTENCE, HttpMethod.GET,
                "/chats/" + chatId + "/messages/" + messageId, user))
                .map(response -> read(requireOk(response), StoredMessage.class));
    }

    public Uni<MessagePage> newestMessages(String user, String chatId, int limit) {
        return client.exchange(DownstreamCall.of(Target.PERSISTENCE, HttpMethod.GET,
                "/chats/" + chatId + "/messages?limit=" + limit, user))
                .map(response -> read(requireOk(response), MessagePage.class));
    }

    /** The newest page, or an empty one when the chat does not exist (yet: its first message creates it). */
    public Uni<MessagePage> newestMessagesIfAny(String user, String chatId, int limit) {
        return newestMessages(user, chatId, limit)
                .onFailure(e -> e instanceof GatewayException g && g.status() == 404)
                .recoverWithItem(() -> new MessagePage(chatId, null, null, List.of()));
    }

    /** The message a generation writes its reply to, looked up by the generation (an index lookup), if it exists. */
    public Uni<Optional<StoredMessage>> findByGeneration(String user, String chatId, String generationId) {
        return client.exchange(DownstreamCall.of(Target.PERSISTENCE, HttpMethod.GET,
                "/chats/" + chatId + "/generations/" + generationId, user))
                .map(response -> response.status() == 404 ? Optional.<StoredMessage>empty()
                        : Optional.of(read(requireOk(response), StoredMessage.class)));
    }

    public Uni<JsonNode> getChat(String user, String chatId) {
        return client.exchange(DownstreamCall.of(Target.PERSISTENCE, HttpMethod.GET, "/chats/" + chatId, user))
                .map(response -> read(requireOk(response), JsonNode.class));
    }

    /** Applies only while the title is still the automatic one (persistence never clobbers a rename). */
    public Uni<JsonNode> setGeneratedTitle(String user, String chatId, String title) {
        var body = mapper.createObjectNode().put("title", title).put("titleSource", "llm");
        return client.exchange(json(HttpMethod.PUT, "/chats/" + chatId, user), Buffer.buffer(body.toString()))
                .map(response -> read(requireOk(response), JsonNode.class));
    }

    private static DownstreamCall json(HttpMethod method, String path, String user) {
        return DownstreamCall.of(Target.PERSISTENCE, method, path, user)
                .withHeaders(Map.of("Content-Type", "application/json"));
    }

    static DownstreamResponse requireOk(DownstreamResponse response) {
        if (!response.ok()) {
            throw DownstreamErrors.toException(response);
        }
        return response;
    }

    private <T> T read(DownstreamResponse response, Class<T> type) {
        try {
            return mapper.readValue(response.body().getBytes(), type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("persistence-service answered with unreadable JSON", e);
        }
    }
}

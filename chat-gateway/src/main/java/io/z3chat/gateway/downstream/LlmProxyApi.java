package io.z3chat.gateway.downstream;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;

/** The llm-proxy-service calls: start, follow and cancel generations, and titles. */
@ApplicationScoped
public class LlmProxyApi {

    private final DownstreamClient client;
    private final ObjectMapper mapper;

    LlmProxyApi(DownstreamClient client, ObjectMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    /** Starts a generation on whichever replica the load balancer picks; the answer is its event stream. */
    public Future<HttpClientResponse> start(String user, GenerationRequest request) {
        return client.open(DownstreamCall.of(Target.LLM_PROXY, HttpMethod.POST, "/generations", user)
                .withHeaders(Map.of("Content-Type", "application/json")), Buffer.buffer(encode(request)), null);
    }

    /** Replays a generation from {@code from} and follows it, on the replica that owns it. */
    public Future<HttpClientResponse> follow(String user, String owner, String generationId, int from) {
        return client.open(DownstreamCall.of(Target.LLM_PROXY, HttpMethod.GET,
                "/generations/" + generationId + "/events?from=" + from, user).at(owner), null, null);
    }

    public Uni<DownstreamResponse> cancel(String user, String owner, String generationId) {
        return client.exchange(DownstreamCall.of(Target.LLM_PROXY, HttpMethod.DELETE, "/generations/" + generationId,
                user).at(owner));
    }

    public Uni<String> title(String user, String chatId, List<GenerationRequest.HistoryMessage> messages) {
        var body = mapper.createObjectNode().put("chatId", chatId);
        body.set("messages", mapper.valueToTree(messages));
        return client.exchange(DownstreamCall.of(Target.LLM_PROXY, HttpMethod.POST, "/titles", user)
                .withHeaders(Map.of("Content-Type", "application/json")), Buffer.buffer(body.toString()))
                .map(response -> {
                    if (!response.ok()) {
                        throw DownstreamErrors.toException(response);
                    }
                    try {
                        JsonNode title = mapper.readTree(response.body().getBytes()).path("title");
                        return title.isTextual() ? title.asText() : null;
                    } catch (java.io.IOException e) {
                        return null;
                    }
                });
    }

    private String encode(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

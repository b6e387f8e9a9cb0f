package io.z3chat.gateway.chat;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.z3chat.gateway.GatewayMetrics;
import io.z3chat.gateway.Ids;
import io.z3chat.gateway.error.GatewayException;
import io.z3chat.gateway.security.InternalJwtVerifier;

/**
 * llm-proxy's lifecycle callback, sent after a final reply is saved. Authenticated by an internal JWT (iss
 * llm-proxy-service, aud chat-gateway) verified here, before the body is even parsed; the acting user is its
 * {@code sub}. After a chat's first exchange it triggers the title.
 */
@Path(ChatService.CALLBACK_PATH)
public class GenerationCallbackResource {

    private static final Logger LOG = Logger.getLogger(GenerationCallbackResource.class);
    static final String CALLER = "llm-proxy-service";

    /** The callback body; usage, timing and error are not needed here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Callback(String generationId, String chatId, String messageId, String status) {
    }

    private final InternalJwtVerifier verifier;
    private final TitleService titles;
    private final GatewayMetrics metrics;
    private final ObjectMapper mapper;

    GenerationCallbackResource(InternalJwtVerifier verifier, TitleService titles, GatewayMetrics metrics,
            ObjectMapper mapper) {
        this.verifier = verifier;
        this.titles = titles;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    @POST
    public Response callback(@HeaderParam("Authorization") String authorization, String body) {
        String user;
        try {
            user = verifier.verify(authorization, CALLER);
        } catch (GatewayException e) {
            metrics.callbackRejected();
            LOG.infof("Rejected generation callback: %s", e.getMessage());
            throw e;
        }
        Callback callback;
        try {
            callback = mapper.readValue(body, Callback.class);
        } catch (Exception e) {
            throw GatewayException.invalidRequest("Not a generation callback");
        }
        Ids.requireId(callback.chatId(), "chatId");
        Ids.requireId(callback.generationId(), "generationId");
        LOG.debugf("Generation saved chatId=%s generationId=%s status=%s", callback.chatId(), callback.generationId(),
                callback.status());
        if ("complete".equals(callback.status())) {
            titles.afterReplySaved(user, callback.chatId());
        }
        return Response.noContent().build();
    }
}

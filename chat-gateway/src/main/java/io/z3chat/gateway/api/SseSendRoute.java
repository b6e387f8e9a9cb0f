package io.z3chat.gateway.api;

import static io.z3chat.gateway.api.RawRoutes.knownOrUnavailable;
import static io.z3chat.gateway.api.RawRoutes.guarded;
import static io.z3chat.gateway.api.RawRoutes.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.z3chat.gateway.GatewayConfig;
import io.z3chat.gateway.GatewayMetrics;
import io.z3chat.gateway.Ids;
import io.z3chat.gateway.chat.ChatService;
import io.z3chat.gateway.chat.FrameJson;
import io.z3chat.gateway.chat.SendMessage;
import io.z3chat.gateway.error.ErrorResponses;
import io.z3chat.gateway.error.GatewayException;

/**
 * The SSE fallback {@code POST /api/chat/{chatId}/messages}: the same send as the socket's, its reply streamed as
 * {@code text/event-stream}. A plain Vert.x route (see {@link RawRoutes}) so the response can stream.
 */
@ApplicationScoped
public class SseSendRoute {

    static final long SEND_BODY_BYTES = 256 * 1024;

    /** Body of {@code POST /api/chat/{chatId}/messages}: the socket's send frame without chatId. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SendRequest(String requestId, SendMessage.UserMessage message, String model, String editOf) {
    }

    private final ChatService chats;
    private final FrameJson json;
    private final GatewayMetrics metrics;
    private final ObjectMapper mapper;
    private final GatewayConfig config;

    SseSendRoute(ChatService chats, FrameJson json, GatewayMetrics metrics, ObjectMapper mapper, GatewayConfig config) {
        this.chats = chats;
        this.json = json;
        this.metrics = metrics;
        this.mapper = mapper;
        this.config = config;
    }

    void routes(@Observes Router router) {
        router.post("/api/chat/:chatId/messages").order(RawRoutes.ORDER).handler(rc -> guarded(rc, () -> sendViaSse(rc)));
    }

    private void sendViaSse(RoutingContext rc) {
        String user = user(rc);
        String chatId = Ids.requireId(rc.pathParam("chatId"), "chatId");
        readBody(rc).onSuccess(bytes -> guarded(rc, () -> {
            SendRequest request;
            try {
                request = mapper.readValue(bytes.getBytes(), SendRequest.class);
            } catch (Exception e) {
                throw GatewayException.invalidRequest("Body must be {message: {id, content}, model, editOf?}");
            }
            var send = new SendMessage(request.requestId(), chatId, request.message(), request.model(),
                    request.editOf());
            chats.submit(user, send, new SseSink(rc.response(), json, config.limits().outboundBufferBytes(), metrics),
                    false);
        })).onFailure(failure -> ErrorResponses.send(rc, knownOrUnavailable(failure)));
    }

    private Future<Buffer> readBody(RoutingContext rc) {
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        HttpServerRequest request = rc.request();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > SEND_BODY_BYTES) {
                request.handler(null);
                promise.tryFail(GatewayException.payloadTooLarge("Request body too large"));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(promise::tryFail);
        request.endHandler(ignored -> promise.tryComplete(body));
        request.resume();
        return promise.future();
    }
}

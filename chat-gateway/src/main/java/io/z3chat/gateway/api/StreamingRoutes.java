package io.z3chat.gateway.api;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.z3chat.gateway.GatewayConfig;
import io.z3chat.gateway.GatewayMetrics;
import io.z3chat.gateway.Ids;
import io.z3chat.gateway.auth.UserEmail;
import io.z3chat.gateway.downstream.DownstreamCall;
import io.z3chat.gateway.downstream.DownstreamClient;
import io.z3chat.gateway.downstream.DownstreamErrors;
import io.z3chat.gateway.downstream.DownstreamResponse;
import io.z3chat.gateway.downstream.DownstreamUnavailableException;
import io.z3chat.gateway.downstream.Target;
import io.z3chat.gateway.error.ErrorResponses;
import io.z3chat.gateway.error.GatewayException;
import io.z3chat.gateway.ws.ChatService;
import io.z3chat.gateway.ws.ClientFrame;
import io.z3chat.gateway.ws.FrameCodec;
import io.z3chat.gateway.ratelimit.RateLimiter;

/**
 * The browser API routes whose bodies are streamed rather than read whole: exports and the import are piped with
 * back-pressure between the browser and persistence-service, and the SSE fallback streams a reply like the socket.
 * Plain Vert.x routes, after Quarkus' security filters and before its upload-size limit (the import has its own).
 */
@ApplicationScoped
public class StreamingRoutes {

    private static final Logger LOG = Logger.getLogger(StreamingRoutes.class);
    /** After authentication (-200) and authorization (-100); before the global body-size limit (-2). */
    static final int ORDER = -10;
    static final long SEND_BODY_BYTES = 256 * 1024;

    /** Body of {@code POST /api/chat/{chatId}/messages}: the socket's send frame without chatId. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SendRequest(String requestId, ClientFrame.UserMessage message, String model) {
    }

    private final DownstreamClient client;
    private final ChatService chats;
    private final FrameCodec codec;
    private final GatewayMetrics metrics;
    private final ObjectMapper mapper;
    private final GatewayConfig config;

    StreamingRoutes(DownstreamClient client, ChatService chats, FrameCodec codec, GatewayMetrics metrics,
            ObjectMapper mapper, GatewayConfig config) {
        this.client = client;
        this.chats = chats;
        this.codec = codec;
        this.metrics = metrics;
        this.mapper = mapper;
        this.config = config;
    }

    void routes(@Observes Router router) {
        router.get("/api/export").order(ORDER).handler(rc -> guarded(rc, () -> download(rc, "/export")));
        router.get("/api/chat/:chatId/export").order(ORDER).handler(rc -> guarded(rc, () -> {
            String chatId = Ids.requireId(rc.pathParam("chatId"), "chatId");
            String format = rc.request().getParam("format");
            download(rc, "/chats/" + chatId + "/export" + Query.of().add("format", format));
        }));
        router.post("/api/import").order(ORDER).handler(rc -> guarded(rc, () -> upload(rc)));
        router.post("/api/chat/:chatId/messages").order(ORDER).handler(rc -> guarded(rc, () -> sendViaSse(rc)));
    }

    private void download(RoutingContext rc, String pathAndQuery) {
        String user = user(rc);
        client.open(DownstreamCall.of(Target.PERSISTENCE, HttpMethod.GET, pathAndQuery, user), null, null)
                .onSuccess(downstream -> relay(rc, downstream))
                .onFailure(failure -> ErrorResponses.send(rc, asGateway(failure)));
    }

    private void upload(RoutingContext rc) {
        String user = user(rc);
        HttpServerRequest request = rc.request();
        LimitedBody body = new LimitedBody(request, config.limits().importBodyBytes());
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", request.getHeader("Content-Type") == null ? "application/json"
                : request.getHeader("Content-Type"));
        if (request.getHeader("Content-Length") != null) {
            headers.put("Content-Length", request.getHeader("Content-Length"));
        }
        client.open(DownstreamCall.of(Target.PERSISTENCE, HttpMethod.POST, "/imports", user).withHeaders(headers), null,
                body)
                .onSuccess(downstream -> relay(rc, downstream))
                .onFailure(failure -> {
                    if (body.exceeded()) {
                        rc.response().putHeader("Connection", "close");
                        ErrorResponses.send(rc, GatewayException.importTooLarge(config.limits().importBodyBytes()));
                    } else {
                        ErrorResponses.send(rc, asGateway(failure));
                    }
                });
    }

    /** Success streams through; a 4xx passes its JSON error; a 5xx is {@code unavailable}. */
    private void relay(RoutingContext rc, HttpClientResponse downstream) {
        int status = downstream.statusCode();
        if (status >= 300) {
            downstream.body().onComplete(body -> ErrorResponses.send(rc, status >= 500 || body.failed()
                    ? new DownstreamUnavailableException(Target.PERSISTENCE)
                    : DownstreamErrors.toException(new DownstreamResponse(status, downstream.headers(), body.result()))));
            downstream.resume();
            return;
        }
        var response = rc.response().setStatusCode(status);
        for (String name : new String[] { "Content-Type", "Content-Disposition", "Content-Length" }) {
            String value = downstream.getHeader(name);
            if (value != null) {
                response.putHeader(name, value);
            }
        }
        if (downstream.getHeader("Content-Length") == null) {
            response.setChunked(true);
        }
        downstream.pipeTo(response).onFailure(failure -> {
            LOG.debugf("Streamed response cut: %s", failure.getClass().getSimpleName());
            downstream.request().reset();
            if (!response.closed()) {
                rc.request().connection().close();
            }
        });
    }

    private void sendViaSse(RoutingContext rc) {
        String user = user(rc);
        String chatId = Ids.requireId(rc.pathParam("chatId"), "chatId");
        readBody(rc).onSuccess(bytes -> guarded(rc, () -> {
            SendRequest request;
            try {
                request = mapper.readValue(bytes.getBytes(), SendRequest.class);
            } catch (Exception e) {
                throw GatewayException.invalidRequest("Body must be {message: {id, content}, model}");
            }
            var send = new ClientFrame.Send(request.requestId(), chatId, request.message(), request.model());
            chats.validate(send);
            RateLimiter.Decision decision = chats.checkMessageRate(user);
            if (!decision.allowed()) {
                throw GatewayException.rateLimited(decision.retryAfterSeconds());
            }
            var sink = new SseSink(rc.response(), codec, config.limits().outboundBufferBytes(), metrics);
            chats.send(user, send, sink, false).subscribe().with(ignored -> {
            });
        })).onFailure(failure -> ErrorResponses.send(rc, asGateway(failure)));
    }

    private io.vertx.core.Future<Buffer> readBody(RoutingContext rc) {
        io.vertx.core.Promise<Buffer> promise = io.vertx.core.Promise.promise();
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

    private static String user(RoutingContext rc) {
        if (rc.user() instanceof QuarkusHttpUser user) {
            return UserEmail.require(user.getSecurityIdentity());
        }
        throw GatewayException.unauthorized("Sign in first");
    }

    private static void guarded(RoutingContext rc, Runnable action) {
        try {
            action.run();
        } catch (GatewayException e) {
            ErrorResponses.send(rc, e);
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure on a streaming route", e);
            ErrorResponses.send(rc, new GatewayException(500, "internal", "Internal error", false, 0));
        }
    }

    private static GatewayException asGateway(Throwable failure) {
        return failure instanceof GatewayException e ? e : GatewayException.unavailable("A service is unavailable");
    }
}

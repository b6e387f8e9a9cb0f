package io.z3chat.gateway.api;

import static io.z3chat.gateway.api.RawRoutes.knownOrUnavailable;
import static io.z3chat.gateway.api.RawRoutes.guarded;
import static io.z3chat.gateway.api.RawRoutes.user;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.z3chat.gateway.GatewayConfig;
import io.z3chat.gateway.Ids;
import io.z3chat.gateway.downstream.DownstreamCall;
import io.z3chat.gateway.downstream.DownstreamClient;
import io.z3chat.gateway.downstream.DownstreamErrors;
import io.z3chat.gateway.downstream.DownstreamResponse;
import io.z3chat.gateway.downstream.DownstreamUnavailableException;
import io.z3chat.gateway.downstream.Target;
import io.z3chat.gateway.error.ErrorResponses;
import io.z3chat.gateway.error.GatewayException;

/**
 * Exports and the import: their bodies are piped with back-pressure between the browser and persistence-service,
 * never read whole. Plain Vert.x routes (see {@link RawRoutes}), before Quarkus' upload-size limit (the import has
 * its own).
 */
@ApplicationScoped
public class TransferRoutes {

    private static final Logger LOG = Logger.getLogger(TransferRoutes.class);

    private final DownstreamClient client;
    private final GatewayConfig config;

    TransferRoutes(DownstreamClient client, GatewayConfig config) {
        this.client = client;
        this.config = config;
    }

    void routes(@Observes Router router) {
        router.get("/api/export").order(RawRoutes.ORDER).handler(rc -> guarded(rc, () -> download(rc, "/export")));
        router.get("/api/chat/:chatId/export").order(RawRoutes.ORDER).handler(rc -> guarded(rc, () -> {
            String chatId = Ids.requireId(rc.pathParam("chatId"), "chatId");
            String format = rc.request().getParam("format");
            download(rc, "/chats/" + chatId + "/export" + Query.of().add("format", format));
        }));
        router.post("/api/import").order(RawRoutes.ORDER).handler(rc -> guarded(rc, () -> upload(rc)));
    }

    private void download(RoutingContext rc, String pathAndQuery) {
        String user = user(rc);
        client.open(DownstreamCall.of(Target.PERSISTENCE, HttpMethod.GET, pathAndQuery, user), null, null)
                .onSuccess(downstream -> relay(rc, downstream))
                .onFailure(failure -> ErrorResponses.send(rc, knownOrUnavailable(failure)));
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
                        ErrorResponses.send(rc, knownOrUnavailable(failure));
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
}

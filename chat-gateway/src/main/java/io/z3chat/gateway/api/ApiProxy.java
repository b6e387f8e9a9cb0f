package io.z3chat.gateway.api;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.z3chat.gateway.downstream.DownstreamCall;
import io.z3chat.gateway.downstream.DownstreamClient;
import io.z3chat.gateway.downstream.DownstreamErrors;
import io.z3chat.gateway.downstream.DownstreamResponse;
import io.z3chat.gateway.downstream.Target;
import io.z3chat.gateway.error.ErrorMappers;

/**
 * Forwards a browser API call to the service that owns it, as the signed-in user, and passes the answer back:
 * success bodies and 4xx JSON errors unchanged, anything else as the contract's error.
 */
@ApplicationScoped
public class ApiProxy {

    private final DownstreamClient client;

    ApiProxy(DownstreamClient client) {
        this.client = client;
    }

    public Uni<Response> forward(Target target, HttpMethod method, String pathAndQuery, String user) {
        return forward(target, method, pathAndQuery, user, null, Map.of());
    }

    public Uni<Response> forward(Target target, HttpMethod method, String pathAndQuery, String user, String jsonBody,
            Map<String, String> headers) {
        return forward(target, method, pathAndQuery, user, jsonBody, headers, answer -> {
        });
    }

    /** As {@link #forward(Target, HttpMethod, String, String, String, Map)}, showing the answer to {@code seen} first. */
    public Uni<Response> forward(Target target, HttpMethod method, String pathAndQuery, String user, String jsonBody,
            Map<String, String> headers, Consumer<DownstreamResponse> seen) {
        Map<String, String> all = new HashMap<>(headers);
        Buffer body = null;
        if (jsonBody != null) {
            all.put("Content-Type", "application/json");
            body = Buffer.buffer(jsonBody.isBlank() ? "{}" : jsonBody);
        }
        return client.exchange(new DownstreamCall(target, null, method, pathAndQuery, user, all), body)
                .invoke(seen)
                .map(ApiProxy::toResponse);
    }

    static Response toResponse(DownstreamResponse response) {
        String type = response.contentType();
        boolean json = type != null && type.toLowerCase().contains("json");
        if (!response.ok() && !json) {
            return ErrorMappers.toResponse(DownstreamErrors.toException(response));
        }
        Response.ResponseBuilder builder = Response.status(response.status());
        if (response.status() != 204 && response.body().length() > 0) {
            builder.entity(response.body().getBytes());
            if (type != null) {
                builder.type(type);
            }
        }
        for (String name : new String[] { "ETag", "Retry-After" }) {
            String value = response.headers().get(name);
            if (value != null) {
                builder.header(name, value);
            }
        }
        return builder.build();
    }
}

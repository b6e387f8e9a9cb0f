package io.z3chat.gateway.support;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.z3chat.gateway.testing.Contract;

/** A small programmable HTTP server standing in for a downstream service; it records every call. */
public final class Stub {

    /** What a handler gets: the request (body already read) and its response. */
    public interface Handler {
        void handle(Call call, HttpServerResponse response);
    }

    /** One recorded call. */
    public record Call(String method, String path, String query, MultiMap headers, String body,
            HttpServerRequest request) {

        /** The claims of the internal JWT (signature checked separately by {@link io.z3chat.gateway.testing.TestTokens}). */
        public JsonObject claims() {
            String token = headers.get("Authorization").substring("Bearer ".length());
            return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1])));
        }

        public String token() {
            return headers.get("Authorization").substring("Bearer ".length());
        }

        public JsonObject json() {
            return new JsonObject(body);
        }

        /** This call and the answer {@code json} with {@code status}, as the contract sees them. */
        public Contract.Exchange exchange(int status, String responseType, String json) {
            Map<String, String> flat = new HashMap<>();
            headers.forEach(header -> flat.put(header.getKey(), header.getValue()));
            return new Contract.Exchange(method, path, query, flat, body, status, responseType, json);
        }
    }

    /** Gets the request before its body is read, to follow an upload as it streams in. */
    public interface StreamHandler {
        void handle(HttpServerRequest request);
    }

    private record Route(String method, Pattern path, Handler handler, StreamHandler stream) {
        boolean matches(String method, String path) {
            return this.method.equals(method) && this.path.matcher(path).matches();
        }
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private int port;

    void start(Vertx vertx, int port) {
        this.port = port;
        this.server = vertx.createHttpServer().requestHandler(this::serve).listen(port, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().join();
    }

    void stop() {
        if (server != null) {
            server.close();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Answers {@code method} on paths matching {@code pathRegex}; later registrations win. */
    public Stub on(String method, String pathRegex, Handler handler) {
        routes.add(0, new Route(method, Pattern.compile(pathRegex), handler, null));
        return this;
    }

    /** Like {@link #on}, but the handler reads the body itself; the call is recorded with an empty body. */
    public Stub onStream(String method, String pathRegex, StreamHandler handler) {
        routes.add(0, new Route(method, Pattern.compile(pathRegex), null, handler));
        return this;
    }

    public Stub json(String method, String pathRegex, int status, String body) {
        return on(method, pathRegex, (call, response) -> response.setStatusCode(status)
                .putHeader("Content-Type", "application/json").end(body));
    }

    public List<Call> calls(String method, String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        List<Call> found = new ArrayList<>();
        for (Call call : calls) {
            if (call.method().equals(method) && pattern.matcher(call.path()).matches()) {
                found.add(call);
            }
        }
        return found;
    }

    private void serve(HttpServerRequest request) {
        Route streamed = routes.stream().filter(r -> r.matches(request.method().name(), request.path())).findFirst()
                .filter(r -> r.stream() != null).orElse(null);
        if (streamed != null) {
            calls.add(new Call(request.method().name(), request.path(), request.query(), request.headers(), "", request));
            streamed.stream().handle(request);
            return;
        }
        request.body().onSuccess(body -> {
            Call call = new Call(request.method().name(), request.path(), request.query(), request.headers(),
                    body.toString(), request);
            calls.add(call);
            for (Route route : routes) {
                if (route.handler() != null && route.matches(call.method(), call.path())) {
                    route.handler().handle(call, request.response());
                    return;
                }
            }
            request.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                    .end("{\"error\":{\"code\":\"not_found\",\"message\":\"stub has no route\"}}");
        });
    }

    /** Starts an event stream on {@code response}. */
    public static void startSse(HttpServerResponse response) {
        response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "text/event-stream");
    }

    /** Writes one generation event; it is held to llm-proxy's documented {@code GenerationEvent} first. */
    public static io.vertx.core.Future<Void> event(HttpServerResponse response, JsonObject data) {
        Stubs.llmProxyContract().checkSchema("GenerationEvent", data.encode());
        return write(response, data);
    }

    /** Writes one event unchecked: for floods, whose first event of each shape went through {@link #event}. */
    public static io.vertx.core.Future<Void> write(HttpServerResponse response, JsonObject data) {
        return response.write(Buffer.buffer("event: " + data.getString("type") + "\ndata: " + data.encode() + "\n\n"));
    }
}

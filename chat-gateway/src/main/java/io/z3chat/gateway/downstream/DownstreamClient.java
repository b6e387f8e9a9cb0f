package io.z3chat.gateway.downstream;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.ReadStream;
import io.z3chat.gateway.GatewayConfig;
import io.z3chat.gateway.error.GatewayException;

/**
 * The gateway's HTTP client for the services behind it (its own peers have {@link GatewayPeers}): every call carries
 * an internal JWT for the acting user. A refused, reset or
 * silent downstream becomes {@link DownstreamUnavailableException} (503 {@code unavailable}).
 */
@ApplicationScoped
public class DownstreamClient {

    private static final Logger LOG = Logger.getLogger(DownstreamClient.class);

    private final Vertx vertx;
    private final HttpClient http;
    private final HttpClient streams;
    private final InternalTokenIssuer tokens;
    private final GatewayConfig.Downstream config;

    DownstreamClient(Vertx vertx, InternalTokenIssuer tokens, GatewayConfig gatewayConfig) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.config = gatewayConfig.downstream();
        // Two pools, so relayed streams (each holding its connection for as long as it streams) never make a plain
        // call, such as saving the next user message, wait for a connection.
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis()).setKeepAlive(true);
        this.http = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(config.maxConnections()));
        this.streams = vertx.createHttpClient(new HttpClientOptions(options),
                new PoolOptions().setHttp1MaxSize(config.maxStreams()));
    }

    /** A plain call whose (small, JSON) answer is read whole; 5xx answers become {@code unavailable}. */
    public Uni<DownstreamResponse> exchange(DownstreamCall call, Buffer body) {
        Duration timeout = config.requestTimeout();
        return toUni(() -> onEventLoop(() -> send(call, body, timeout)
                .compose(response -> response.body()
                        .map(bytes -> new DownstreamResponse(response.statusCode(), response.headers(), bytes)))))
                .ifNoItem().after(timeout).failWith(() -> new DownstreamUnavailableException(call.target()))
                .onFailure(e -> !(e instanceof GatewayException)).transform(e -> unavailable(call, e))
                .onItem().transform(response -> {
                    if (response.status() >= 500) {
                        LOG.warnf("Downstream error target=%s status=%d", call.target().audience(), response.status());
                        throw new DownstreamUnavailableException(call.target());
                    }
                    return response;
                });
    }

    public Uni<DownstreamResponse> exchange(DownstreamCall call) {
        return exchange(call, null);
    }

    /**
     * Opens a call whose answer is streamed: the caller consumes the response (it must set its handlers at once).
     * The request body, if any, is piped with back-pressure.
     */
    public Future<HttpClientResponse> open(DownstreamCall call, Buffer body, ReadStream<Buffer> bodyStream) {
        Duration idle = config.streamIdleTimeout();
        return onEventLoop(() -> streams.request(options(call, idle))
                .compose(request -> {
                    if (bodyStream != null) {
                        return sendStream(request, bodyStream);
                    }
                    return body == null ? request.send() : request.send(body);
                })
                .map(response -> {
                    // the caller resumes once its handlers are in place
                    response.pause();
                    return response;
                }))
                .recover(e -> Future.failedFuture(unavailable(call, e)));
    }

    /** Unlike {@code send(stream)}, a failing body (too large, client gone) aborts the call instead of ending it. */
    private static Future<HttpClientResponse> sendStream(HttpClientRequest request, ReadStream<Buffer> bodyStream) {
        if (request.headers().get("Content-Length") == null) {
            request.setChunked(true);
        }
        bodyStream.pipe().endOnFailure(false).to(request).onFailure(failure -> request.reset(0, failure));
        return request.response();
    }

    private Future<HttpClientResponse> send(DownstreamCall call, Buffer body, Duration timeout) {
        return http.request(options(call, timeout))
                .compose(request -> body == null ? request.send() : request.send(body));
    }

    private RequestOptions options(DownstreamCall call, Duration idleTimeout) {
        String base = call.baseUrl() != null ? call.baseUrl() : baseUrl(call.target());
        RequestOptions options = new RequestOptions()
                .setMethod(call.method())
                .setAbsoluteURI(stripSlash(base) + call.pathAndQuery())
                .setIdleTimeout(idleTimeout.toMillis())
                .putHeader("Authorization", "Bearer " + tokens.tokenFor(call.target(), call.user()))
                .putHeader("Accept", "application/json, text/event-stream");
        for (Map.Entry<String, String> header : call.headers().entrySet()) {
            options.putHeader(header.getKey(), header.getValue());
        }
        return options;
    }

    public String baseUrl(Target target) {
        return switch (target) {
            case PERSISTENCE -> config.persistenceUrl();
            case LLM_PROXY -> config.llmProxyUrl();
            case GATEWAY -> throw new IllegalArgumentException("the gateway's peers are told through GatewayPeers");
        };
    }

    /** An absolute URL on the target's management interface (health), which is not its API port. */
    public String managementUrl(Target target, String path) {
        return stripSlash(target == Target.PERSISTENCE ? config.persistenceManagementUrl() : config.llmProxyManagementUrl())
                + path;
    }

    /** An absolute URL on the target's configured base. */
    public String url(Target target, String path) {
        return stripSlash(baseUrl(target)) + path;
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static GatewayException unavailable(DownstreamCall call, Throwable cause) {
        if (cause instanceof GatewayException gatewayException) {
            return gatewayException;
        }
        LOG.warnf("Downstream unavailable target=%s method=%s cause=%s", call.target().audience(), call.method(),
                cause.getClass().getSimpleName());
        return new DownstreamUnavailableException(call.target());
    }

    /**
     * Runs a call on an event loop. Issued from a worker thread (a blocking resource), the listener that reads the
     * response could be attached after the event loop has already delivered (and dropped) the body.
     */
    private <T> Future<T> onEventLoop(Supplier<Future<T>> action) {
        if (Context.isOnEventLoopThread()) {
            return action.get();
        }
        Promise<T> promise = Promise.promise();
        vertx.getOrCreateContext().runOnContext(ignored -> {
            try {
                action.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }

    /** A Vert.x future as a lazy Uni. */
    public static <T> Uni<T> toUni(Supplier<Future<T>> future) {
        return Uni.createFrom().emitter(emitter -> future.get().onComplete(result -> {
            if (result.succeeded()) {
                emitter.complete(result.result());
            } else {
                emitter.fail(result.cause());
            }
        }));
    }

    /** Not a stream: used by readiness, no token needed. */
    public Uni<Integer> probe(String url, Duration timeout) {
        return toUni(() -> onEventLoop(() -> http.request(new RequestOptions().setAbsoluteURI(url)
                .setIdleTimeout(timeout.toMillis()))
                .compose(HttpClientRequest::send)
                .compose(response -> response.body().map(ignored -> response.statusCode()))))
                .ifNoItem().after(timeout).fail();
    }
}

package io.z3chat.llmproxy.openrouter;

import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.z3chat.llmproxy.sse.SseFormatException;
import io.z3chat.llmproxy.sse.SseParser;

/**
 * Streams {@code POST {base}/chat/completions} over a Vert.x HTTP client. The Quarkus REST client hands a
 * {@code text/event-stream} response to its own SSE reader and never exposes the raw bytes, so the stream is read
 * here and parsed by {@link SseParser}. Cancelling the returned {@link Multi} resets the request, which closes
 * the connection: that is how OpenRouter learns to stop the generation.
 */
@ApplicationScoped
public class OpenRouterStreamClient implements CompletionSource {

    private static final Logger LOG = Logger.getLogger(OpenRouterStreamClient.class);
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final OpenRouterConfig config;
    private final ObjectMapper json;
    private final HttpClient http;
    private final String completionsUrl;

    public OpenRouterStreamClient(Vertx vertx, OpenRouterConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.completionsUrl = config.baseUrl().replaceAll("/+$", "") + "/chat/completions";
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true);
        this.http = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(config.maxConnections()));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    @Override
    public Multi<CompletionEvent> stream(ChatCompletionRequest request) {
        Buffer body;
        try {
            body = Buffer.buffer(json.writeValueAsBytes(request));
        } catch (JsonProcessingException e) {
            return Multi.createFrom().failure(e);
        }
        return Multi.createFrom().emitter(emitter -> new Exchange(emitter).start(body));
    }

    private RequestOptions requestOptions() {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(completionsUrl)
                .setIdleTimeout(config.idleTimeout().toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.ACCEPT, "text/event-stream")
                .putHeader("HTTP-Referer", config.appUrl())
                .putHeader("X-OpenRouter-Title", config.appTitle());
        config.apiKey().ifPresent(key -> options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key));
        return options;
    }

    /** One HTTP exchange feeding one emitter. */
    private final class Exchange {

        private final MultiEmitter<? super CompletionEvent> emitter;
        private final AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        private volatile boolean over;

        Exchange(MultiEmitter<? super CompletionEvent> emitter) {
            this.emitter = emitter;
            emitter.onTermination(() -> {
                if (emitter.isCancelled()) {
                    over = true;
                    abort();
                }
            });
        }

        void start(Buffer body) {
            http.request(requestOptions())
                    .compose(req -> {
                        request.set(req);
                        if (over) {
                            abort();
                        }
                        return req.send(body);
                    })
                    .onSuccess(this::onResponse)
                    .onFailure(failure -> fail(failure instanceof TimeoutException
                            ? UpstreamErrors.timeout("the model server did not answer in time")
                            : UpstreamErrors.unreachable()));
        }

        private void onResponse(HttpClientResponse response) {
            if (response.statusCode() != 200) {
                readError(response);
                return;
            }
            String contentType = response.getHeader(HttpHeaders.CONTENT_TYPE);
            if (contentType == null || !contentType.toLowerCase().startsWith("text/event-stream")) {
                fail(UpstreamErrors.badResponse("expected text/event-stream, got " + contentType));
                abort();
                return;
            }
            CompletionStreamDecoder decoder = new CompletionStreamDecoder(json, this::emit);
            SseParser parser = new SseParser(event -> {
                if (!over && decoder.accept(event)) {
                    complete();
                }
            }, config.maxEventChars());
            response.handler(buffer -> {
                if (over) {
                    return;
                }
                try {
                    parser.feed(buffer.getBytes());
                } catch (UpstreamException e) {
                    fail(e);
                    abort();
                } catch (SseFormatException e) {
                    fail(UpstreamErrors.badResponse(e.getMessage()));
                    abort();
                }
            });
            response.exceptionHandler(failure -> fail(failure instanceof TimeoutException
                    ? UpstreamErrors.timeout("the model server went silent")
                    : UpstreamErrors.interrupted("the connection to the model server broke")));
            response.endHandler(ignored -> {
                if (over) {
                    return;
                }
                try {
                    parser.end();
                    decoder.end();
                    complete();
                } catch (UpstreamException e) {
                    fail(e);
                }
            });
        }

        private void readError(HttpClientResponse response) {
            Buffer errorBody = Buffer.buffer();
            response.handler(chunk -> {
                if (errorBody.length() < MAX_ERROR_BODY) {
                    errorBody.appendBuffer(chunk);
                }
            });
            response.exceptionHandler(ignored -> fail(UpstreamErrors.forStatus(response.statusCode(), null, null)));
            response.endHandler(ignored -> fail(UpstreamErrors.forStatus(response.statusCode(),
                    errorMessage(errorBody),
                    UpstreamErrors.parseRetryAfter(response.getHeader(HttpHeaders.RETRY_AFTER), Instant.now()))));
        }

        private String errorMessage(Buffer body) {
            try {
                var error = json.readTree(body.getBytes()).path("error").path("message");
                return error.isTextual() ? error.asText() : null;
            } catch (Exception notJson) {
                return null;
            }
        }

        private void emit(CompletionEvent event) {
            emitter.emit(event);
        }

        private void complete() {
            if (!over) {
                over = true;
                emitter.complete();
            }
        }

        private void fail(Throwable failure) {
            if (!over) {
                over = true;
                if (failure instanceof UpstreamException upstream) {
                    LOG.debugf("upstream failed code=%s", upstream.code());
                }
                emitter.fail(failure);
            }
        }

        private void abort() {
            HttpClientRequest req = request.get();
            if (req != null) {
                req.reset();
            }
        }
    }
}

package io.z3chat.llmproxy.generation;

import java.time.Duration;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import io.z3chat.llmproxy.openrouter.ChatCompletionRequest;
import io.z3chat.llmproxy.openrouter.CompletionEvent;
import io.z3chat.llmproxy.openrouter.CompletionSource;
import io.z3chat.llmproxy.openrouter.OpenRouterConfig;
import io.z3chat.llmproxy.openrouter.UpstreamErrors;
import io.z3chat.llmproxy.openrouter.UpstreamException;
import io.z3chat.llmproxy.retry.Backoff;

/**
 * Drives one generation from its completion source. Until the first token a retryable failure is tried again
 * (bounded attempts, exponential backoff or the upstream's {@code Retry-After}); after it, a failure ends the
 * generation with the text produced so far. The generation's own subscription does not depend on any client's.
 */
final class GenerationRunner {

    private static final Logger LOG = Logger.getLogger(GenerationRunner.class);

    private final Generation generation;
    private final CompletionSource source;
    private final ChatCompletionRequest request;
    private final OpenRouterConfig.Retry retry;
    private final Backoff backoff;
    private final Duration firstTokenTimeout;
    private final Vertx vertx;
    private final GenerationMetrics metrics;

    private Attempt current;
    private long retryTimer = -1;
    private boolean stopped;

    GenerationRunner(Generation generation, CompletionSource source, ChatCompletionRequest request,
            OpenRouterConfig config, Vertx vertx, GenerationMetrics metrics) {
        this.generation = generation;
        this.source = source;
        this.request = request;
        this.retry = config.retry();
        this.backoff = new Backoff(retry.initialBackoff(), retry.maxBackoff());
        this.firstTokenTimeout = config.firstTokenTimeout();
        this.vertx = vertx;
        this.metrics = metrics;
    }

    void start() {
        attempt(1);
    }

    /** Stops the upstream request (closing its connection) and ends the generation as cancelled. */
    void cancel() {
        Attempt running;
        synchronized (this) {
            stopped = true;
            running = current;
            if (retryTimer >= 0) {
                vertx.cancelTimer(retryTimer);
            }
        }
        if (running != null) {
            running.stop();
        }
        generation.cancel();
    }

    private void attempt(int number) {
        Attempt attempt = new Attempt(number);
        synchronized (this) {
            if (stopped || generation.isFinished()) {
                return;
            }
            current = attempt;
        }
        attempt.start();
    }

    private void failed(int number, Throwable failure) {
        UpstreamException error = failure instanceof UpstreamException upstream ? upstream
                : new UpstreamException("upstream_error", "the model request failed", true);
        metrics.upstreamError(error.code());
        LOG.infof("upstream failed generationId=%s attempt=%d code=%s", generation.id(), number, error.code());
        if (error.retryable() && number < retry.maxAttempts() && !generation.hasProgress()) {
            Duration delay = error.retryAfter().orElse(backoff.delayAfter(number));
            if (delay.compareTo(retry.maxRetryAfter()) <= 0) {
                synchronized (this) {
                    if (!stopped) {
                        retryTimer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> attempt(number + 1));
                        return;
                    }
                }
            }
        }
        generation.fail(error.code(), error.getMessage(), error.retryable());
    }

    /** One request to the source. */
    private final class Attempt {

        private final int number;
        private volatile Cancellable upstream;
        private volatile boolean over;
        private long firstTokenTimer = -1;

        Attempt(int number) {
            this.number = number;
        }

        void start() {
            firstTokenTimer = vertx.setTimer(Math.max(1, firstTokenTimeout.toMillis()), id -> noFirstToken());
            Cancellable subscription = source.stream(request).subscribe()
                    .with(this::onEvent, this::onFailure, this::onComplete);
            upstream = subscription;
            if (over) {
                subscription.cancel();
            }
        }

        void stop() {
            over = true;
            vertx.cancelTimer(firstTokenTimer);
            Cancellable subscription = upstream;
            if (subscription != null) {
                subscription.cancel();
            }
        }

        private void onEvent(CompletionEvent event) {
            if (over) {
                return;
            }
            if (event instanceof CompletionEvent.Content content) {
                vertx.cancelTimer(firstTokenTimer);
                metrics.token();
                if (!generation.append(content.text())) {
                    stop();
                }
            } else if (event instanceof CompletionEvent.Reasoning) {
                vertx.cancelTimer(firstTokenTimer);
                generation.reasoning();
            } else if (event instanceof CompletionEvent.Served served) {
                generation.served(served.model(), served.provider());
            } else if (event instanceof CompletionEvent.UsageReport report) {
                generation.usage(report.usage());
            }
            // a Finish is followed by the usage chunk and [DONE]: the completion of the stream ends the generation
        }

        private void onFailure(Throwable failure) {
            if (over) {
                return;
            }
            over = true;
            vertx.cancelTimer(firstTokenTimer);
            failed(number, failure);
        }

        private void onComplete() {
            if (over) {
                return;
            }
            over = true;
            vertx.cancelTimer(firstTokenTimer);
            generation.complete();
        }

        private void noFirstToken() {
            if (over || generation.hasProgress()) {
                return;
            }
            stop();
            failed(number, UpstreamErrors.timeout("no token within " + firstTokenTimeout.toSeconds() + " s"));
        }
    }
}

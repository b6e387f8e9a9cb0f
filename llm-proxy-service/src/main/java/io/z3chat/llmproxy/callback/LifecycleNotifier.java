package io.z3chat.llmproxy.callback;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.z3chat.llmproxy.auth.InternalTokens;
import io.z3chat.llmproxy.reply.FinalReply;
import io.z3chat.llmproxy.reply.MessagePatch;
import io.z3chat.llmproxy.retry.Backoff;

/** Tells the gateway that a reply is saved; a few tries, then it gives up (the reply is safe regardless). */
@ApplicationScoped
public class LifecycleNotifier {

    private static final Logger LOG = Logger.getLogger(LifecycleNotifier.class);

    private final CallbackClient client;
    private final InternalTokens tokens;
    private final Vertx vertx;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Counter retries;
    private final Counter failures;

    public LifecycleNotifier(@RestClient CallbackClient client, InternalTokens tokens, Vertx vertx,
            CallbackConfig config, MeterRegistry registry) {
        this.client = client;
        this.tokens = tokens;
        this.vertx = vertx;
        this.maxAttempts = config.maxAttempts();
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        this.retries = Counter.builder("z3chat.callback.retries")
                .description("Lifecycle callbacks sent again after a failure").register(registry);
        this.failures = Counter.builder("z3chat.callback.failures")
                .description("Lifecycle callbacks given up on").register(registry);
    }

    public void replySaved(FinalReply reply) {
        if (reply.callbackUrl() == null) {
            return;
        }
        MessagePatch patch = reply.patch();
        LifecycleCallback callback = new LifecycleCallback(reply.generationId(), reply.chatId(), reply.messageId(),
                patch.status(), patch.usage(), patch.timing(), patch.error());
        send(reply, callback, 1);
    }

    private void send(FinalReply reply, LifecycleCallback callback, int attempt) {
        client.post(reply.callbackUrl(), tokens.bearer(InternalTokens.GATEWAY, reply.user()), callback)
                .subscribe().with(
                        ok -> LOG.debugf("callback delivered generationId=%s", reply.generationId()),
                        failure -> {
                            if (attempt >= maxAttempts) {
                                failures.increment();
                                LOG.warnf("callback failed generationId=%s attempts=%d reason=%s",
                                        reply.generationId(), attempt, failure.getClass().getSimpleName());
                                return;
                            }
                            retries.increment();
                            vertx.setTimer(Math.max(1, backoff.delayAfter(attempt).toMillis()),
                                    id -> send(reply, callback, attempt + 1));
                        });
    }
}

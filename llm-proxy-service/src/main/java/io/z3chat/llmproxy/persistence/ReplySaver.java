package io.z3chat.llmproxy.persistence;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.z3chat.llmproxy.auth.InternalTokens;
import io.z3chat.llmproxy.callback.LifecycleNotifier;
import io.z3chat.llmproxy.persistence.FinalReplyOutbox.Outcome;
import io.z3chat.llmproxy.retry.Backoff;
import io.z3chat.llmproxy.retry.RetryPolicy;

/** Writes replies to persistence-service with signed PATCH calls: checkpoints best-effort, final replies for sure. */
@Startup
@ApplicationScoped
public class ReplySaver {

    private static final Logger LOG = Logger.getLogger(ReplySaver.class);

    private final PersistenceClient client;
    private final InternalTokens tokens;
    private final Duration initialTimeout;
    private final FinalReplyOutbox outbox;
    private final MeterRegistry registry;

    public ReplySaver(@RestClient PersistenceClient client, InternalTokens tokens, PersistenceConfig config,
            LifecycleNotifier notifier, Vertx vertx, MeterRegistry registry) {
        this.client = client;
        this.tokens = tokens;
        this.initialTimeout = config.initialCheckpointTimeout();
        this.registry = registry;
        var writes = config.finalWrites();
        RetryPolicy policy = new RetryPolicy(new Backoff(writes.initialBackoff(), writes.maxBackoff()),
                writes.giveUpAfter());
        this.outbox = new FinalReplyOutbox(policy, writes.maxPending(), writes.maxPendingBytes(),
                (delay, task) -> vertx.setTimer(Math.max(1, delay.toMillis()), id -> task.run()),
                Clock.systemUTC(), this::send, new OutboxLog(notifier));
        Gauge.builder("z3chat.final.pending", outbox, FinalReplyOutbox::size)
                .description("Final replies waiting for persistence-service").register(registry);
        Gauge.builder("z3chat.final.pending.bytes", outbox, FinalReplyOutbox::bytes)
                .description("Approximate memory held by final replies waiting").register(registry);
    }

    /** Final replies written to nobody yet (waiting for persistence-service or for their next try). */
    public int pendingFinalReplies() {
        return outbox.size();
    }

    /** The first checkpoint, before {@code start}: best-effort and short, so it never fails nor holds up. */
    public Uni<Void> initialCheckpoint(String user, String chatId, String messageId, MessagePatch patch) {
        return write(user, chatId, messageId, patch)
                .ifNoItem().after(initialTimeout).fail()
                .onItem().invoke(() -> checkpointWrites("ok").increment())
                .onFailure().invoke(failure -> {
                    checkpointWrites("failed").increment();
                    LOG.debugf("initial checkpoint failed messageId=%s reason=%s", messageId,
                            failure.getClass().getSimpleName());
                })
                .onFailure().recoverWithNull();
    }

    /** A checkpoint of the full partial text; completes with whether it landed. */
    public Uni<Boolean> checkpoint(String user, String chatId, String messageId, MessagePatch patch) {
        return write(user, chatId, messageId, patch)
                .onItemOrFailure().transform((ok, failure) -> {
                    checkpointWrites(failure == null ? "ok" : "failed").increment();
                    return failure == null;
                });
    }

    /** Counts a checkpoint that was not written because a newer one will carry its text. */
    public void checkpointSuperseded() {
        checkpointWrites("superseded").increment();
    }

    /** Hands the final reply over; it is saved once persistence-service takes it, then the gateway is told. */
    public void saveFinal(FinalReply reply) {
        outbox.submit(reply);
    }

    private Uni<Outcome> send(FinalReply reply) {
        return write(reply.user(), reply.chatId(), reply.messageId(), reply.patch())
                .replaceWith(Outcome.SAVED)
                .onFailure().recoverWithItem(ReplySaver::classify);
    }

    private Uni<Void> write(String user, String chatId, String messageId, MessagePatch patch) {
        return Uni.createFrom().deferred(() -> client.patch(chatId, messageId,
                tokens.bearer(InternalTokens.PERSISTENCE, user), patch));
    }

    /** 408, 429, 5xx, 401 (keys being rotated) and anything below HTTP are worth another try; other 4xx are not. */
    static Outcome classify(Throwable failure) {
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            boolean retry = status >= 500 || status == 408 || status == 429 || status == 401;
            return retry ? Outcome.RETRY : Outcome.REJECTED;
        }
        return Outcome.RETRY;
    }

    private Counter checkpointWrites(String outcome) {
        return Counter.builder("z3chat.checkpoint.writes").tag("outcome", outcome)
                .description("Checkpoints of partial replies").register(registry);
    }

    private final class OutboxLog implements FinalReplyOutbox.Listener {

        private final LifecycleNotifier notifier;

        OutboxLog(LifecycleNotifier notifier) {
            this.notifier = notifier;
        }

        @Override
        public void saved(FinalReply reply, int attempts) {
            finalWrites("saved").increment();
            LOG.infof("reply saved generationId=%s messageId=%s status=%s attempts=%d", reply.generationId(),
                    reply.messageId(), reply.patch().status(), attempts);
            notifier.replySaved(reply);
        }

        @Override
        public void retrying(FinalReply reply, int attempts, Duration delay) {
            finalWrites("retry").increment();
            if (attempts == 1) {
                LOG.warnf("persistence unavailable, will retry generationId=%s", reply.generationId());
            }
        }

        @Override
        public void dropped(FinalReply reply, String reason) {
            Counter.builder("z3chat.replies.dropped").tag("reason", reason)
                    .description("Final replies that could not be saved").register(registry).increment();
            LOG.errorf("reply dropped generationId=%s messageId=%s reason=%s", reply.generationId(),
                    reply.messageId(), reason);
        }

        private Counter finalWrites(String outcome) {
            return Counter.builder("z3chat.final.writes").tag("outcome", outcome)
                    .description("Final reply writes").register(registry);
        }
    }
}

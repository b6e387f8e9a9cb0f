package io.z3chat.llmproxy.persistence;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

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
import io.z3chat.llmproxy.reply.FinalReply;
import io.z3chat.llmproxy.reply.MessagePatch;
import io.z3chat.llmproxy.retry.Backoff;
import io.z3chat.llmproxy.retry.RetryPolicy;

/** Writes replies to persistence-service with signed PATCH calls: checkpoints best-effort, final replies for sure. */
@Startup
@ApplicationScoped
public class ReplySaver {

    private static final Logger LOG = Logger.getLogger(ReplySaver.class);

    /** Answers that say the request itself can never be taken: only these end a final reply's retries. */
    private static final Set<Integer> PERMANENT = Set.of(400, 403, 413, 422);

    private final PersistenceClient client;
    private final CheckpointClient checkpoints;
    private final InternalTokens tokens;
    private final FinalReplyOutbox outbox;
    private final MeterRegistry registry;

    public ReplySaver(@RestClient PersistenceClient client, @RestClient CheckpointClient checkpoints,
            InternalTokens tokens, PersistenceConfig config, LifecycleNotifier notifier, Vertx vertx,
            MeterRegistry registry) {
        this.client = client;
        this.checkpoints = checkpoints;
        this.tokens = tokens;
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

    /** A checkpoint of the full partial text; completes with whether it landed. */
    public Uni<Boolean> checkpoint(String user, String chatId, String messageId, MessagePatch patch) {
        return Uni.createFrom().deferred(() -> checkpoints.patch(chatId, messageId,
                        tokens.bearer(InternalTokens.PERSISTENCE, user), patch))
                .onItemOrFailure().transform((ok, failure) -> {
                    checkpointWrites(failure == null ? "ok" : "failed").increment();
                    if (failure != null) {
                        LOG.debugf("checkpoint failed messageId=%s reason=%s", messageId,
                                failure.getClass().getSimpleName());
                    }
                    return failure == null;
                });
    }

    /**
     * Counts a checkpoint that was not written now because a newer one will carry its text: {@code superseded}
     * (this generation's previous one is still under way), {@code deferred} (the replica's checkpoint budget is in
     * use), {@code backoff} (its last one failed).
     */
    public void checkpointSkipped(String reason) {
        checkpointWrites(reason).increment();
    }

    /** Hands the final reply over; it is saved once persistence-service takes it, then the gateway is told. */
    public void saveFinal(FinalReply reply) {
        outbox.submit(reply);
    }

    private Uni<Outcome> send(FinalReply reply) {
        return write(reply.user(), reply.chatId(), reply.messageId(), reply.patch())
                .replaceWith(Outcome.SAVED)
                .onFailure().invoke(failure -> refused(reply, failure))
                .onFailure().recoverWithItem(ReplySaver::classify);
    }

    /** An HTTP refusal of a final reply is worth a line of its own: a 4xx here means something is off. */
    private void refused(FinalReply reply, Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            Counter.builder("z3chat.final.refusals").tag("status", String.valueOf(status))
                    .description("Final reply writes that persistence-service answered with a 4xx")
                    .register(registry).increment();
            LOG.warnf("final reply refused generationId=%s messageId=%s status=%d outcome=%s", reply.generationId(),
                    reply.messageId(), status, classify(failure));
        }
    }

    private Uni<Void> write(String user, String chatId, String messageId, MessagePatch patch) {
        return Uni.createFrom().deferred(() -> client.patch(chatId, messageId,
                tokens.bearer(InternalTokens.PERSISTENCE, user), patch));
    }

    /**
     * Only an answer that says the request itself can never be taken (400 invalid, 403, 413, 422) ends the retries.
     * Everything a retry could settle is retried with backoff, bounded by {@code give-up-after} and the outbox's
     * memory: 404 (the chat not visible yet, or restored later), 409, 401 (keys being rotated), 408, 429, 5xx, and
     * anything below HTTP (timeouts, refused connections).
     */
    static Outcome classify(Throwable failure) {
        if (failure instanceof WebApplicationException web) {
            return PERMANENT.contains(web.getResponse().getStatus()) ? Outcome.REJECTED : Outcome.RETRY;
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

package io.z3chat.llmproxy.generation;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.z3chat.llmproxy.persistence.ReplySaver;

/**
 * A stopping replica finishes its replies before it goes. On SIGTERM Quarkus reports readiness
 * DOWN and fires {@link ShutdownDelayInitiatedEvent}; this observer then refuses new generations (503
 * {@code unavailable}, which the gateway passes on as retryable) and holds the shutdown, within
 * {@code z3chat.shutdown.drain-timeout}, until no generation runs and every final reply is saved,
 * while the server still answers (resume and cancel reach the generations it owns). Only then do
 * the shutdown delay, the HTTP drain (QUARKUS_SHUTDOWN_TIMEOUT) and the closing of the REST clients
 * follow: waiting later, in a ShutdownEvent observer, is too late, the clients that write the final
 * replies are closed by then.
 */
@ApplicationScoped
class ShutdownDrain {

    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class);
    private static final long POLL_MILLIS = 50;

    private final GenerationRegistry generations;
    private final ReplySaver replies;
    private final Duration timeout;

    ShutdownDrain(GenerationRegistry generations, ReplySaver replies, ShutdownConfig config) {
        this.generations = generations;
        this.replies = replies;
        this.timeout = config.drainTimeout();
    }

    void drain(@Observes ShutdownDelayInitiatedEvent event) throws InterruptedException {
        generations.closeToNew();
        LOG.infof("draining generationsActive=%d finalRepliesPending=%d", generations.activeCount(),
                replies.pendingFinalReplies());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (busy() && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
        }
        if (busy()) {
            LOG.warnf("drain timed out generationsActive=%d finalRepliesPending=%d (the sweeper ends unsaved replies "
                    + "interrupted with their last checkpoint)", generations.activeCount(), replies.pendingFinalReplies());
        } else {
            LOG.info("drained: no generation running, every final reply saved");
        }
    }

    private boolean busy() {
        return generations.activeCount() > 0 || replies.pendingFinalReplies() > 0;
    }
}

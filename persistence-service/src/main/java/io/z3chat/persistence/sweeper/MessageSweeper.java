package io.z3chat.persistence.sweeper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.z3chat.persistence.common.Timestamps;
import io.z3chat.persistence.message.MessageRepository;
import io.z3chat.persistence.store.StoreWrites;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Ends replies whose generator went away (SPEC section 4, step 6): a {@code streaming} message
 * without a checkpoint for {@code stale-after} becomes {@code interrupted}, its text kept.
 * Every replica may run it: the update is conditional, so two sweeps never clash.
 */
@ApplicationScoped
public class MessageSweeper {

    private static final Logger LOG = Logger.getLogger(MessageSweeper.class);

    private final MessageRepository messages;
    private final SweeperConfig config;
    private final Counter sweeps;
    private final Counter interrupted;

    MessageSweeper(MessageRepository messages, SweeperConfig config, MeterRegistry registry) {
        this.messages = messages;
        this.config = config;
        this.sweeps = registry.counter("z3chat.sweeper.sweeps");
        this.interrupted = registry.counter("z3chat.sweeper.interrupted");
    }

    @Scheduled(identity = "message-sweeper", every = "${z3chat.sweeper.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        StoreWrites.unlessStoreDown(LOG, "sweep", this::sweep);
    }

    /** @return how many replies were interrupted */
    public long sweep() {
        var now = Timestamps.now();
        long count = messages.interruptStale(now.minus(config.staleAfter()), now);
        sweeps.increment();
        interrupted.increment(count);
        if (count > 0) {
            LOG.infof("sweeper interrupted stale replies count=%d", count);
        }
        return count;
    }
}

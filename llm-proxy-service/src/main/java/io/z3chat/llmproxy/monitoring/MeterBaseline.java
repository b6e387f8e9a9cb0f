package io.z3chat.llmproxy.monitoring;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Counters of rare losses registered at zero from start-up, so the dashboards and the
 * Z3chatRepliesDropped alert read "none yet" instead of no data. Same names, tags and
 * descriptions as where they are counted (persistence/ReplySaver).
 */
@Startup
@ApplicationScoped
class MeterBaseline {

    /** Every reason FinalReplyOutbox gives for dropping a final reply. */
    static final List<String> DROP_REASONS = List.of("outbox_full", "rejected", "gave_up");

    MeterBaseline(MeterRegistry registry) {
        for (String reason : DROP_REASONS) {
            Counter.builder("z3chat.replies.dropped").tag("reason", reason)
                    .description("Final replies that could not be saved").register(registry);
        }
    }
}

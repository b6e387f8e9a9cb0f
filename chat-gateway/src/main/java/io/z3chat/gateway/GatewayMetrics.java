package io.z3chat.gateway;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/** The gateway's own meters; names are listed in the README. Created at start-up so they show from the first scrape. */
@Startup
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger openSockets = new AtomicInteger();

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("z3chat.gateway.sockets.open", openSockets);
        // rejections at zero from the start, so dashboards and alerts read "none yet" instead of no data
        for (String limit : new String[] {"requests", "messages"}) {
            Counter.builder("z3chat.gateway.rate.limited").tag("limit", limit).register(registry);
        }
        for (String transport : new String[] {"ws", "sse"}) {
            Counter.builder("z3chat.gateway.slow.consumers.disconnected").tag("transport", transport).register(registry);
        }
        registry.counter("z3chat.gateway.callback.rejected");
        for (String outcome : new String[] {"delivered", "failed", "dropped"}) {
            Counter.builder("z3chat.gateway.peer.announcements").tag("outcome", outcome).register(registry);
        }
    }

    public void socketOpened() {
        openSockets.incrementAndGet();
    }

    public void socketClosed() {
        openSockets.decrementAndGet();
    }

    public void messageSent(String transport) {
        Counter.builder("z3chat.gateway.messages.sent").tag("transport", transport).register(registry).increment();
    }

    public void timeToFirstToken(String transport, Duration duration) {
        Timer.builder("z3chat.gateway.time.to.first.token").tag("transport", transport)
                .publishPercentileHistogram().register(registry).record(duration);
    }

    public void rateLimited(String limit) {
        Counter.builder("z3chat.gateway.rate.limited").tag("limit", limit).register(registry).increment();
    }

    public void slowConsumerDisconnected(String transport) {
        Counter.builder("z3chat.gateway.slow.consumers.disconnected").tag("transport", transport).register(registry)
                .increment();
    }

    public void callbackRejected() {
        registry.counter("z3chat.gateway.callback.rejected").increment();
    }

    /** Calls to other gateway replicas open right now. */
    public void peerAnnouncementsInFlight(AtomicInteger inFlight) {
        registry.gauge("z3chat.gateway.peer.announcements.in.flight", inFlight);
    }

    /** A reply's start told to another gateway replica: {@code delivered}, {@code failed} or {@code dropped} (too many open). */
    public void peerAnnouncement(String outcome) {
        Counter.builder("z3chat.gateway.peer.announcements").tag("outcome", outcome).register(registry).increment();
    }
}

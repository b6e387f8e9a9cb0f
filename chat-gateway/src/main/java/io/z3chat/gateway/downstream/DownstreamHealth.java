package io.z3chat.gateway.downstream;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import io.z3chat.gateway.GatewayConfig;

/**
 * Whether persistence-service and llm-proxy-service say they are ready, at {@code /q/health/group/dependencies}: for
 * people and dashboards, never for the gateway's readiness. Every gateway replica shares these services, so gating
 * readiness on them would take all of them out of service at once (one model-side outage would stop everyone reading
 * their history); instead each feature that needs a service that is down answers 503 {@code unavailable}, retryable.
 */
@HealthGroup(DownstreamHealth.GROUP)
@ApplicationScoped
public class DownstreamHealth implements AsyncHealthCheck {

    public static final String GROUP = "dependencies";

    private final DownstreamClient client;
    private final Duration timeout;

    DownstreamHealth(DownstreamClient client, GatewayConfig config) {
        this.client = client;
        this.timeout = config.downstream().readinessTimeout();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.combine().all()
                .unis(ready(Target.PERSISTENCE), ready(Target.LLM_PROXY))
                .with((persistence, llmProxy) -> HealthCheckResponse.named("downstream services")
                        .status(persistence && llmProxy)
                        .withData(Target.PERSISTENCE.audience(), persistence ? "UP" : "DOWN")
                        .withData(Target.LLM_PROXY.audience(), llmProxy ? "UP" : "DOWN")
                        .build());
    }

    private Uni<Boolean> ready(Target target) {
        return client.probe(client.managementUrl(target, "/q/health/ready"), timeout).map(status -> status == 200).onFailure().recoverWithItem(false);
    }
}

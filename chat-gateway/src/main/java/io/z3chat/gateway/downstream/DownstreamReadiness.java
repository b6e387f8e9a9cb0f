package io.z3chat.gateway.downstream;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.z3chat.gateway.GatewayConfig;

/** The gateway is ready only when persistence-service and llm-proxy-service say they are. */
@Readiness
@ApplicationScoped
public class DownstreamReadiness implements AsyncHealthCheck {

    private final DownstreamClient client;
    private final Duration timeout;

    DownstreamReadiness(DownstreamClient client, GatewayConfig config) {
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

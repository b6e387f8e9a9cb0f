package io.z3chat.llmproxy.models;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.z3chat.llmproxy.error.ApiException;
import io.z3chat.llmproxy.openrouter.OpenRouterConfig;
import io.z3chat.llmproxy.openrouter.OpenRouterModelsClient;
import io.z3chat.llmproxy.openrouter.UpstreamModels;

/**
 * The upstream's model list, slimmed and cached for a TTL. When a refresh fails the last list is served marked
 * stale, and the upstream is left alone for a while instead of being asked again on every request.
 */
@ApplicationScoped
public class ModelCatalog {

    private static final Logger LOG = Logger.getLogger(ModelCatalog.class);
    private static final Duration MAX_QUIET_AFTER_FAILURE = Duration.ofSeconds(30);
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Supplier<Uni<List<ModelInfo>>> upstream;
    private final Duration ttl;
    private final Duration quietAfterFailure;
    private final Clock clock;

    private volatile Snapshot current;
    private volatile Instant lastFailure;
    private Uni<Snapshot> refreshing;

    @Inject
    public ModelCatalog(@RestClient OpenRouterModelsClient client, OpenRouterConfig openRouter, ModelsConfig config) {
        this(() -> client.list(openRouter.apiKey().map(key -> "Bearer " + key).orElse(null))
                .map(ModelCatalog::slim), config.ttl(), Clock.systemUTC());
    }

    ModelCatalog(Supplier<Uni<List<ModelInfo>>> upstream, Duration ttl, Clock clock) {
        this.upstream = upstream;
        this.ttl = ttl;
        this.quietAfterFailure = ttl.compareTo(MAX_QUIET_AFTER_FAILURE) < 0 ? ttl : MAX_QUIET_AFTER_FAILURE;
        this.clock = clock;
    }

    public Uni<ModelList> models() {
        Snapshot known = current;
        Instant now = clock.instant();
        if (known != null && known.fetchedAt().plus(ttl).isAfter(now)) {
            return Uni.createFrom().item(known.toList(false));
        }
        Instant failedAt = lastFailure;
        if (known != null && failedAt != null && failedAt.plus(quietAfterFailure).isAfter(now)) {
            return Uni.createFrom().item(known.toList(true));
        }
        return refresh().map(fresh -> fresh.toList(false))
                .onFailure().recoverWithUni(failure -> {
                    Snapshot old = current;
                    return old != null ? Uni.createFrom().item(old.toList(true))
                            : Uni.createFrom().failure(ApiException.unavailable("the model list is unavailable"));
                });
    }

    /** One fetch at a time, shared by everyone who asks meanwhile. */
    private synchronized Uni<Snapshot> refresh() {
        if (refreshing == null) {
            refreshing = Uni.createFrom().deferred(upstream::get)
                    .map(models -> new Snapshot(models, clock.instant()))
                    .invoke(fresh -> {
                        current = fresh;
                        lastFailure = null;
                    })
                    .onFailure().invoke(failure -> {
                        lastFailure = clock.instant();
                        LOG.warnf("model list refresh failed reason=%s", failure.getClass().getSimpleName());
                    })
                    .eventually(this::refreshed)
                    .memoize().indefinitely();
        }
        return refreshing;
    }

    private synchronized void refreshed() {
        refreshing = null;
    }

    static List<ModelInfo> slim(UpstreamModels upstreamModels) {
        if (upstreamModels == null || upstreamModels.data() == null) {
            return List.of();
        }
        return upstreamModels.data().stream()
                .filter(model -> model.id() != null && !model.id().isBlank())
                .map(model -> new ModelInfo(model.id(),
                        model.name() != null && !model.name().isBlank() ? model.name() : model.id(),
                        model.description(),
                        model.contextLength(),
                        model.topProvider() == null ? null : model.topProvider().maxCompletionTokens(),
                        model.pricing() == null ? null
                                : new ModelInfo.Pricing(model.pricing().prompt(), model.pricing().completion()),
                        model.architecture() == null ? null : model.architecture().inputModalities(),
                        false))
                .toList();
    }

    static String format(Instant instant) {
        return MILLIS.format(instant);
    }

    private record Snapshot(List<ModelInfo> models, Instant fetchedAt) {
        ModelList toList(boolean stale) {
            return new ModelList(models, stale, format(fetchedAt));
        }
    }
}

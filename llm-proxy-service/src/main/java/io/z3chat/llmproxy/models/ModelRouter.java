package io.z3chat.llmproxy.models;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.z3chat.llmproxy.error.ApiException;
import io.z3chat.llmproxy.offline.OfflineModel;
import io.z3chat.llmproxy.openrouter.CompletionSource;
import io.z3chat.llmproxy.openrouter.OpenRouterConfig;
import io.z3chat.llmproxy.openrouter.OpenRouterStreamClient;

/** Which models are offered and who serves them: OpenRouter with a key, only the offline model without. */
@ApplicationScoped
public class ModelRouter {

    private static final ModelInfo OFFLINE = new ModelInfo(OfflineModel.ID, OfflineModel.NAME,
            "Built-in model used when no OPENROUTER_API_KEY is set: a fixed markdown reply, streamed.",
            null, null, null, List.of("text"), true);

    private final boolean offlineOnly;
    private final OpenRouterStreamClient openRouter;
    private final OfflineModel offline;
    private final String startedAt = ModelCatalog.format(Instant.now());

    public ModelRouter(OpenRouterConfig config, OpenRouterStreamClient openRouter, OfflineModel offline) {
        this.offlineOnly = config.apiKey().filter(key -> !key.isBlank()).isEmpty();
        this.openRouter = openRouter;
        this.offline = offline;
    }

    public boolean offlineOnly() {
        return offlineOnly;
    }

    /** The source for a model; without a key any model but the offline one is refused. */
    public CompletionSource sourceFor(String model) {
        if (!offlineOnly) {
            return openRouter;
        }
        if (OfflineModel.ID.equals(model)) {
            return offline;
        }
        throw ApiException.invalidRequest("model " + model + " is not offered: without OPENROUTER_API_KEY only "
                + OfflineModel.ID + " is");
    }

    public ModelList offlineList() {
        return new ModelList(List.of(OFFLINE), false, startedAt);
    }
}

package io.z3chat.llmproxy.models;

import java.util.List;

/** {@code GET /models}: {@code stale} when the upstream failed and an older list is served. */
public record ModelList(List<ModelInfo> models, boolean stale, String fetchedAt) {
}

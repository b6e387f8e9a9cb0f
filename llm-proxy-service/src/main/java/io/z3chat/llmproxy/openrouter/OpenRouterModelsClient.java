package io.z3chat.llmproxy.openrouter;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** The upstream's model list; its base URL is {@code OPENROUTER_BASE_URL} like the completions'. */
@RegisterRestClient(configKey = "openrouter")
@Path("/models")
@ClientHeaderParam(name = "HTTP-Referer", value = "${z3chat.openrouter.app-url}")
@ClientHeaderParam(name = "X-OpenRouter-Title", value = "${z3chat.openrouter.app-title}")
public interface OpenRouterModelsClient {

    @GET
    Uni<UpstreamModels> list(@HeaderParam("Authorization") String authorization);
}

package io.z3chat.llmproxy.callback;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;

/** The gateway instance that started a generation, at the callback URL it gave. */
@RegisterRestClient(configKey = "gateway-callback")
public interface CallbackClient {

    @POST
    Uni<Void> post(@Url String callbackUrl, @HeaderParam("Authorization") String authorization,
            LifecycleCallback callback);
}

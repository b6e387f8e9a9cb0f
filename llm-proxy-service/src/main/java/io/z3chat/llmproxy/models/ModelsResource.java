package io.z3chat.llmproxy.models;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/models")
@Authenticated
public class ModelsResource {

    private final ModelRouter router;
    private final ModelCatalog catalog;

    public ModelsResource(ModelRouter router, ModelCatalog catalog) {
        this.router = router;
        this.catalog = catalog;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ModelList> list() {
        return router.offlineOnly() ? Uni.createFrom().item(router.offlineList()) : catalog.models();
    }
}

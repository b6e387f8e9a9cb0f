package io.z3chat.gateway.api;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.z3chat.gateway.Ids;
import io.z3chat.gateway.auth.UserEmail;
import io.z3chat.gateway.downstream.Target;
import io.z3chat.gateway.web.Pages;

/** The rest of the browser API: who am I, search, models and the public share read. */
@Path("/api")
public class AccountResource {

    /** The subject of internal tokens for reads that need no sign-in. */
    static final String ANONYMOUS = "anonymous";

    private final ApiProxy proxy;
    private final SecurityIdentity identity;

    AccountResource(ApiProxy proxy, SecurityIdentity identity) {
        this.proxy = proxy;
        this.identity = identity;
    }

    @GET
    @Path("me")
    public Map<String, String> me() {
        return Map.of("email", UserEmail.require(identity));
    }

    @GET
    @Path("search")
    public Uni<Response> search(@QueryParam("q") String q, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("chatId") String chatId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        String query = Query.of().add("q", q).add("from", from).add("to", to).add("chatId", chatId).add("limit", limit)
                .add("cursor", cursor).toString();
        return proxy.forward(Target.PERSISTENCE, HttpMethod.GET, "/search" + query, UserEmail.require(identity));
    }

    @GET
    @Path("models")
    public Uni<Response> models() {
        return proxy.forward(Target.LLM_PROXY, HttpMethod.GET, "/models", UserEmail.require(identity));
    }

    /**
     * Works signed out: the share link is the capability, the internal token names nobody. Marked
     * noindex, as the page that shows it is: a shared chat is for whoever has the link, not for search engines.
     */
    @GET
    @Path("shared/{shareId}")
    public Uni<Response> shared(@PathParam("shareId") String shareId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        String query = Query.of().add("limit", limit).add("cursor", cursor).toString();
        return proxy.forward(Target.PERSISTENCE, HttpMethod.GET, "/shared/" + Ids.requireShareId(shareId) + query,
                ANONYMOUS).map(response -> Response.fromResponse(response).header(Pages.ROBOTS, Pages.NOINDEX).build());
    }
}

package io.z3chat.persistence.search;

import io.quarkus.security.Authenticated;
import io.z3chat.persistence.auth.ActingUser;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code GET /search}: the user's messages that hold every word. */
@Path("/search")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    private final SearchService service;
    private final ActingUser user;

    SearchResource(SearchService service, ActingUser user) {
        this.service = service;
        this.user = user;
    }

    @GET
    public SearchPage search(@RestQuery String q, @RestQuery String from, @RestQuery String to,
                             @RestQuery String chatId, @RestQuery String limit, @RestQuery String cursor) {
        return service.search(user.email(), SearchQuery.parse(q, from, to, chatId, limit, cursor));
    }
}

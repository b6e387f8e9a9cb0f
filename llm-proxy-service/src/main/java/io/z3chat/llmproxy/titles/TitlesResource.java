package io.z3chat.llmproxy.titles;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/titles")
@Authenticated
public class TitlesResource {

    private final TitleService titles;
    private final JsonWebToken token;

    public TitlesResource(TitleService titles, JsonWebToken token) {
        this.titles = titles;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Title> title(@Valid @NotNull TitleRequest request) {
        return titles.title(token.getSubject(), request);
    }
}

package io.z3chat.persistence.message;

import io.quarkus.security.Authenticated;
import io.z3chat.persistence.auth.ActingUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** HTTP side of switching versions: the chat's selected path. */
@Path("/chats/{chatId}/selection")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SelectionResource {

    private final VersionService versions;
    private final ActingUser user;

    SelectionResource(VersionService versions, ActingUser user) {
        this.versions = versions;
        this.user = user;
    }

    @PUT
    public MessagePage select(@RestPath String chatId, @RestQuery String limit,
                              @Valid @NotNull SelectionRequest request) {
        return versions.select(user.email(), chatId, request, limit);
    }
}

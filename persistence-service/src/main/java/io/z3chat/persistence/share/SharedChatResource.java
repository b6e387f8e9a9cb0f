package io.z3chat.persistence.share;

import io.quarkus.security.Authenticated;
import io.z3chat.persistence.auth.ActingUser;
import io.z3chat.persistence.error.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code GET /shared/{shareId}}: the public read of a link. The gateway calls it for anyone
 * holding the link (its token names no user); the link itself is the capability.
 */
@Path("/shared")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SharedChatResource {

    /** Only the gateway serves the public read; llm-proxy has no business there. */
    static final String PUBLIC_READER = "chat-gateway";

    private final ShareService service;
    private final ActingUser caller;

    SharedChatResource(ShareService service, ActingUser caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("/{shareId}")
    public SharedChat read(@RestPath String shareId, @RestQuery String limit, @RestQuery String cursor) {
        if (!PUBLIC_READER.equals(caller.caller())) {
            throw ApiException.notFound("shared chat");
        }
        return service.read(shareId, limit, cursor);
    }
}

package io.z3chat.persistence.share;

import io.quarkus.security.Authenticated;
import io.z3chat.persistence.auth.ActingUser;
import io.z3chat.persistence.chat.Chat;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** A chat's share link: its owner makes (or refreshes) and revokes it. */
@Path("/chats/{id}/share")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ShareResource {

    private final ShareService service;
    private final ActingUser user;

    ShareResource(ShareService service, ActingUser user) {
        this.service = service;
        this.user = user;
    }

    @POST
    public RestResponse<Chat.Share> share(@RestPath String id, ShareRequest request) {
        var shared = service.share(user.email(), id, request);
        return RestResponse.status(shared.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK,
                shared.share());
    }

    @DELETE
    public void revoke(@RestPath String id) {
        service.revoke(user.email(), id);
    }
}

package io.z3chat.gateway.chat;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

import io.z3chat.gateway.downstream.InternalTokenIssuer;
import io.z3chat.gateway.error.ApiError;
import io.z3chat.gateway.error.GatewayException;
import io.z3chat.gateway.security.InternalJwtVerifier;

/**
 * Another gateway replica tells this one that a reply of a user started there: the user's sockets here get
 * {@code started}, never another user's. Authenticated by an internal JWT ({@code iss} and {@code aud} chat-gateway,
 * {@code sub} the user), verified before the body is read.
 */
@Path(PeerAnnouncements.PATH)
public class PeerAnnouncementResource {

    private static final Logger LOG = Logger.getLogger(PeerAnnouncementResource.class);

    private final InternalJwtVerifier verifier;
    private final PeerAnnouncements announcements;
    private final ChatHub hub;

    PeerAnnouncementResource(InternalJwtVerifier verifier, PeerAnnouncements announcements, ChatHub hub) {
        this.verifier = verifier;
        this.announcements = announcements;
        this.hub = hub;
    }

    @POST
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PeerAnnouncements.ReplyStarted.class)))
    @APIResponse(responseCode = "204", description = "Told to the user's sockets on this replica (if any)")
    @APIResponse(responseCode = "default", description = "An error, as {\"error\": {\"code\", \"message\"}}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response started(@HeaderParam("Authorization") String authorization, String body) {
        String user;
        try {
            user = verifier.verify(authorization, InternalTokenIssuer.ISSUER);
        } catch (GatewayException e) {
            LOG.infof("Rejected peer announcement: %s", e.getMessage());
            throw e;
        }
        ServerFrame.Started started = announcements.received(user, body);
        if (started != null) {
            hub.tellAll(user, started);
        }
        return Response.noContent().build();
    }
}

package io.z3chat.persistence.transfer;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.ws.rs.core.MediaType;
import io.quarkus.security.Authenticated;
import io.z3chat.persistence.auth.ActingUser;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code GET /chats/{id}/export?format=markdown|json}: one chat as a download. */
@Path("/chats/{id}/export")
@Authenticated
public class ChatExportResource {

    private final ExportService service;
    private final ActingUser user;

    ChatExportResource(ExportService service, ActingUser user) {
        this.service = service;
        this.user = user;
    }

    @GET
    @APIResponse(responseCode = "200", description = "The chat as a download (Content-Disposition: attachment)",
            content = {
                    @Content(mediaType = "text/markdown", schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Z3chatExport.class)) })
    public Response export(@RestPath String id, @RestQuery String format) {
        return ExportResource.download(service.chat(user.email(), id, format));
    }
}

package io.z3chat.persistence.transfer;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.ws.rs.core.MediaType;
import io.quarkus.security.Authenticated;
import io.z3chat.persistence.auth.ActingUser;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code GET /export}: every chat of the user as one z3chat JSON document, streamed. */
@Path("/export")
@Authenticated
public class ExportResource {

    private final ExportService service;
    private final ActingUser user;

    ExportResource(ExportService service, ActingUser user) {
        this.service = service;
        this.user = user;
    }

    @GET
    @APIResponse(responseCode = "200", description = "Every chat as one z3chat export, streamed as a download",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Z3chatExport.class)))
    public Response exportAll() {
        return download(service.allChats(user.email()));
    }

    static Response download(ExportService.Download download) {
        return Response.ok(download.body(), download.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + download.filename() + "\"")
                .build();
    }
}

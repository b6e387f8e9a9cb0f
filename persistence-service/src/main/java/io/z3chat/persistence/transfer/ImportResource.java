package io.z3chat.persistence.transfer;

import io.quarkus.security.Authenticated;
import io.z3chat.persistence.auth.ActingUser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.InputStream;

/**
 * {@code POST /imports}: the body is the export file itself, read as a stream (on a worker
 * thread) while its conversations are stored; the answer reports each conversation.
 */
@Path("/imports")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private final ImportService service;
    private final ActingUser user;

    ImportResource(ImportService service, ActingUser user) {
        this.service = service;
        this.user = user;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public ImportReport importFile(InputStream body) {
        return service.importFile(user.email(), body);
    }
}

package io.z3chat.llmproxy.generation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;

/** Generations as server-sent events: each event is {@code event: <type>} with its JSON as data. */
@Path("/generations")
@Authenticated
public class GenerationResource {

    private final GenerationService service;
    private final JsonWebToken token;

    public GenerationResource(GenerationService service, JsonWebToken token) {
        this.service = service;
        this.token = token;
    }

    /** Closing this response does not stop the generation; it runs to its end and is saved. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @APIResponse(responseCode = "200", description = "Server-sent events, each 'event: <type>' with the event as"
            + " JSON data: start, deltas, at most one error, then done",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = GenerationEvent.class)))
    public Multi<OutboundSseEvent> start(@Valid @NotNull GenerationRequest request, @Context Sse sse) {
        Generation generation = service.start(token.getSubject(), request);
        return Multi.createFrom().publisher(generation.follow(0)).map(event -> toSse(sse, event));
    }

    /** Replays the reply from {@code from} (UTF-16 code units) in one delta, then follows it live. */
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @APIResponse(responseCode = "200", description = "Server-sent events, each 'event: <type>' with the event as"
            + " JSON data: start, deltas, at most one error, then done",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = GenerationEvent.class)))
    public Multi<OutboundSseEvent> events(@RestPath String id, @RestQuery @DefaultValue("0") @Min(0) int from,
            @Context Sse sse) {
        Generation generation = service.find(id, token.getSubject());
        generation.checkFollow(from);
        return Multi.createFrom().publisher(generation.follow(from)).map(event -> toSse(sse, event));
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "202", description = "Cancelling: the stream ends with done, status cancelled")
    public RestResponse<Void> cancel(@RestPath String id) {
        service.cancel(id, token.getSubject());
        return RestResponse.accepted();
    }

    private static OutboundSseEvent toSse(Sse sse, GenerationEvent event) {
        return sse.newEventBuilder()
                .name(event.type())
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(GenerationEvent.class, event)
                .build();
    }
}

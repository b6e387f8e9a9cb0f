package io.z3chat.gateway.error;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Maps every exception that leaves a resource to the contract's JSON error, never a stack trace. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response gateway(GatewayException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized() {
        return toResponse(GatewayException.unauthorized("Sign in first"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return toResponse(GatewayException.forbidden("Not allowed"));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return toResponse(GatewayException.notFound("No such resource"));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return json(405, ApiError.of(ErrorCode.INVALID_REQUEST, "Method not allowed"));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return toResponse(GatewayException.payloadTooLarge("Request body too large"));
        }
        if (status >= 400 && status < 500) {
            return json(status, ApiError.of(ErrorCode.INVALID_REQUEST, "Invalid request"));
        }
        LOG.errorf("Unexpected web application error status=%d", status);
        return toResponse(GatewayException.internal());
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected error", e);
        return toResponse(GatewayException.internal());
    }

    public static Response toResponse(GatewayException e) {
        Response.ResponseBuilder builder = Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .entity(e.toApiError());
        if (e.retryAfterSeconds() > 0) {
            builder.header("Retry-After", e.retryAfterSeconds());
        }
        return builder.build();
    }

    private static Response json(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(error).build();
    }
}

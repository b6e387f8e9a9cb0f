package io.z3chat.persistence.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.z3chat.persistence.auth.RejectedTokens;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Every failure leaves the service as {@code {"error": {"code", "message"}}}: no stack traces,
 * no class names, no echo of the caller's content.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @Inject
    RejectedTokens rejectedTokens;

    @ServerExceptionMapper
    public Response api(ApiException e) {
        var response = Response.fromResponse(respond(e.code(), e.getMessage()));
        if (e.retryAfterSeconds() > 0) {
            response.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        var message = e.getConstraintViolations().stream()
                .map(ErrorMappers::describe)
                .sorted()
                .collect(Collectors.joining("; "));
        return respond(ErrorCode.INVALID_REQUEST, message);
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return respond(ErrorCode.INVALID_REQUEST, "unknown field '" + unknown.getPropertyName() + "'");
        }
        var path = jsonPath(e);
        return respond(ErrorCode.INVALID_REQUEST,
                path.isEmpty() ? "request body has the wrong shape" : "field '" + path + "' has the wrong type");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException) {
            return respond(ErrorCode.INVALID_REQUEST, "request body is not valid JSON");
        }
        return switch (status) {
            case 404 -> respond(ErrorCode.NOT_FOUND, "no such resource");
            case 413 -> respond(ErrorCode.PAYLOAD_TOO_LARGE, "request body too large");
            case 401 -> respond(ErrorCode.UNAUTHORIZED, "authentication required");
            default -> status >= 500
                    ? respond(ErrorCode.INTERNAL, "internal error")
                    : respond(status, ErrorCode.INVALID_REQUEST.code(), statusText(e));
        };
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        rejectedTokens.rejected(e);
        return respond(ErrorCode.UNAUTHORIZED, "invalid or missing internal token");
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        rejectedTokens.missing();
        return respond(ErrorCode.UNAUTHORIZED, "invalid or missing internal token");
    }

    /**
     * A streamed (chunked) body over the HTTP limit: Quarkus has already answered 413 and closed
     * the connection before our mappers see it (a declared Content-Length gets our JSON 413 from
     * {@link io.z3chat.persistence.limits.BodyLimit}); there is nothing left to write.
     */
    @ServerExceptionMapper
    public Response bodyTooLarge(IOException e, HttpServerRequest request) {
        if (request.response().headWritten()) {
            LOG.debugf("request body over the limit, answered by Quarkus: %s", e.getMessage());
            return null;
        }
        return unexpected(e);
    }

    @ServerExceptionMapper({MongoTimeoutException.class, MongoSocketException.class})
    public Response storeDown(RuntimeException e) {
        LOG.warnf("store unavailable: %s", e.getClass().getSimpleName());
        return respond(ErrorCode.UNAVAILABLE, "the store is unavailable, try again");
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return respond(ErrorCode.INTERNAL, "internal error");
    }

    public static Response respond(ErrorCode code, String message) {
        return respond(code.status(), code.code(), message);
    }

    private static Response respond(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(new ErrorBody.Detail(code, message)))
                .build();
    }

    private static String describe(ConstraintViolation<?> violation) {
        var path = violation.getPropertyPath().toString();
        // "put.request.content" -> "content": callers know fields, not our method names.
        var field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
        return field + ": " + violation.getMessage();
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String statusText(WebApplicationException e) {
        var info = e.getResponse().getStatusInfo();
        return info.getReasonPhrase() == null ? "request rejected" : info.getReasonPhrase().toLowerCase();
    }
}

package io.z3chat.llmproxy.error;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;

/** Every failure leaves this service as {@code {"error": {"code", "message"}}}; never a stack trace. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    private final Counter authFailures;

    public ErrorMappers(MeterRegistry registry) {
        this.authFailures = Counter.builder("z3chat.auth.failures")
                .description("Internal requests refused for a missing or invalid token").register(registry);
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> api(ApiException e) {
        return error(e.status(), e.code(), e.getMessage());
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> invalid(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .map(ErrorMappers::describe)
                .sorted()
                .findFirst()
                .orElse("invalid request");
        return error(400, "invalid_request", message);
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> unreadable(JsonProcessingException e) {
        return error(400, "invalid_request", "the body is not valid JSON for this request");
    }

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public RestResponse<ApiError> unauthorized(RuntimeException e) {
        authFailures.increment();
        return error(401, "unauthorized", "a valid internal token is required");
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return switch (status) {
            case 400, 415 -> error(400, "invalid_request", "the request is not valid");
            case 404 -> error(404, "not_found", "no such resource");
            case 405 -> error(405, "invalid_request", "method not allowed");
            case 413 -> error(413, "payload_too_large", "the request is too large");
            default -> status < 500 ? error(status, "invalid_request", "the request was refused") : internal(e);
        };
    }

    @ServerExceptionMapper
    public RestResponse<ApiError> unexpected(Exception e) {
        return internal(e);
    }

    private static RestResponse<ApiError> internal(Exception e) {
        LOG.error("unexpected failure", e);
        return error(500, "internal", "something went wrong");
    }

    private static String describe(ConstraintViolation<?> violation) {
        // the path starts with the resource method and its parameter: "start.request.messages[0].role"
        String[] parts = violation.getPropertyPath().toString().split("\\.", 3);
        String field = parts[parts.length - 1];
        return field + ": " + violation.getMessage();
    }

    private static RestResponse<ApiError> error(int status, String code, String message) {
        return RestResponse.ResponseBuilder.create(RestResponse.Status.fromStatusCode(status), ApiError.of(code, message))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}

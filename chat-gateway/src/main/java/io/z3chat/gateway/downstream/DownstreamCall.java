package io.z3chat.gateway.downstream;

import java.util.Map;

import io.vertx.core.http.HttpMethod;

/**
 * One request to a downstream service on behalf of a user.
 *
 * @param baseUrl where to send it; null means the target's configured URL (a generation owner overrides it)
 * @param pathAndQuery already encoded
 */
public record DownstreamCall(Target target, String baseUrl, HttpMethod method, String pathAndQuery, String user,
        Map<String, String> headers) {

    public static DownstreamCall of(Target target, HttpMethod method, String pathAndQuery, String user) {
        return new DownstreamCall(target, null, method, pathAndQuery, user, Map.of());
    }

    public DownstreamCall withHeaders(Map<String, String> extra) {
        return new DownstreamCall(target, baseUrl, method, pathAndQuery, user, extra);
    }

    public DownstreamCall at(String otherBaseUrl) {
        return new DownstreamCall(target, otherBaseUrl, method, pathAndQuery, user, headers);
    }
}

package io.z3chat.gateway.security;

/** Which part of the gateway a request path belongs to. */
public final class GatewayPaths {

    private GatewayPaths() {
    }

    /** Browser API and socket: answer in JSON (401, not a redirect to the identity provider). */
    public static boolean isApi(String path) {
        return path != null && (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/ws/"));
    }

    /** Service-to-service calls authenticated by internal JWTs, never by the identity provider. */
    public static boolean isInternal(String path) {
        return path != null && path.startsWith("/internal/");
    }

    public static boolean isImport(String path) {
        return "/api/import".equals(path);
    }
}

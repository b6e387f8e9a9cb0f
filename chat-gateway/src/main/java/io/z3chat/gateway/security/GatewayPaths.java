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

    /**
     * A page of the web UI other than {@code /} (a chat, the archive, a share link): an expired session there
     * signs in again and comes back to it, rather than landing on {@code /?session=expired}.
     */
    public static boolean isAppPage(String path) {
        return path != null && (path.startsWith("/chat/") || path.equals("/archived") || path.startsWith("/share/"));
    }

    public static boolean isImport(String path) {
        return "/api/import".equals(path);
    }
}

package io.z3chat.gateway.security;

import java.net.URI;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.z3chat.gateway.GatewayConfig;

/** The one origin browsers may act from: the scheme, host and port of PUBLIC_URL. */
@ApplicationScoped
public class PublicOrigin {

    private final String origin;
    private final boolean https;

    @Inject
    PublicOrigin(GatewayConfig config) {
        this(config.publicUrl());
    }

    public PublicOrigin(String publicUrl) {
        this.origin = originOf(publicUrl);
        if (origin == null) {
            throw new IllegalStateException("PUBLIC_URL must be an absolute http(s) URL, got: " + publicUrl);
        }
        this.https = origin.startsWith("https://");
    }

    public String origin() {
        return origin;
    }

    public boolean https() {
        return https;
    }

    /** The WebSocket origin of the same host, for the CSP's connect-src. */
    public String socketOrigin() {
        return (https ? "wss" : "ws") + origin.substring(origin.indexOf(':'));
    }

    public boolean matches(String originOrUrl) {
        return origin.equals(originOf(originOrUrl));
    }

    /** scheme://host[:port] lower-cased with the default port dropped, or null when not an absolute http(s) URL. */
    public static String originOf(String url) {
        if (url == null || url.isBlank() || url.equals("null")) {
            return null;
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (Exception e) {
            return null;
        }
    }
}

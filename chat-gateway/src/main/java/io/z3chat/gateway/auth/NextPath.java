package io.z3chat.gateway.auth;

import java.net.URI;

/** Where to go after sign-in: a local path only, anything else (open redirects) falls back to "/". */
public final class NextPath {

    private NextPath() {
    }

    public static String sanitize(String next) {
        if (next == null || next.isEmpty() || next.length() > 1024 || !next.startsWith("/") || next.startsWith("//")) {
            return "/";
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c == '\\' || c < 0x21 || c == 0x7f) {
                return "/";
            }
        }
        try {
            URI uri = new URI(next);
            if (uri.getScheme() != null || uri.getRawAuthority() != null) {
                return "/";
            }
        } catch (Exception e) {
            return "/";
        }
        return next;
    }
}

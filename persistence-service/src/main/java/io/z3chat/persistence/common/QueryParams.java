package io.z3chat.persistence.common;

import io.z3chat.persistence.error.ApiException;

/**
 * Query parameters arrive as text and are parsed here, so a bad value is a clear 400 and not
 * the 404 JAX-RS gives for a parameter it cannot convert.
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static int intInRange(String raw, String name, int min, int max, int fallback) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.invalid(name + " must be an integer from " + min + " to " + max);
    }

    public static boolean bool(String raw, String name, boolean fallback) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalid(name + " must be true or false");
        };
    }
}

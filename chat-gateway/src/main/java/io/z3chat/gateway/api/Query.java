package io.z3chat.gateway.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds a downstream query string from the parameters a route documents; nothing else is forwarded. */
final class Query {

    private final StringBuilder text = new StringBuilder();

    static Query of() {
        return new Query();
    }

    Query add(String name, Object value) {
        if (value == null || value.toString().isEmpty()) {
            return this;
        }
        text.append(text.length() == 0 ? '?' : '&').append(name).append('=')
                .append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}

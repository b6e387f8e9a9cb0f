package io.z3chat.gateway.downstream;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** A downstream answer read whole (plain JSON calls only; large bodies are streamed instead). */
public record DownstreamResponse(int status, MultiMap headers, Buffer body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public String contentType() {
        return headers.get("Content-Type");
    }
}

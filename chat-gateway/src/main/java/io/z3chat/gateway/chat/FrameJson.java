package io.z3chat.gateway.chat;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON of a server frame, the same on a socket and in an SSE event's data. */
@ApplicationScoped
public class FrameJson {

    private final ObjectMapper mapper;

    public FrameJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String encode(ServerFrame frame) {
        try {
            return mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

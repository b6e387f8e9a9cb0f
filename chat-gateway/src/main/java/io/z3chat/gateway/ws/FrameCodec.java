package io.z3chat.gateway.ws;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.z3chat.gateway.chat.ServerFrame;
import io.z3chat.gateway.error.GatewayException;

/** JSON of the socket protocol. */
@ApplicationScoped
public class FrameCodec {

    private final ObjectMapper mapper;

    public FrameCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String encode(ServerFrame frame) {
        try {
            return mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public ClientFrame decode(String text) {
        try {
            return mapper.readValue(text, ClientFrame.class);
        } catch (JsonProcessingException e) {
            throw GatewayException.invalidRequest("Not a valid frame");
        }
    }
}

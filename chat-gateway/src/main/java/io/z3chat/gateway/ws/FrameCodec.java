package io.z3chat.gateway.ws;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.z3chat.gateway.chat.CancelGeneration;
import io.z3chat.gateway.chat.RegenerateReply;
import io.z3chat.gateway.chat.ResumeReply;
import io.z3chat.gateway.chat.SendMessage;
import io.z3chat.gateway.error.GatewayException;

/** Reads the socket's client frames: a JSON object whose {@code type} says what the rest of it is. */
@ApplicationScoped
public class FrameCodec {

    private final ObjectMapper mapper;

    public FrameCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ClientFrame decode(String text) {
        try {
            JsonNode frame = mapper.readTree(text);
            String type = frame != null && frame.isObject() && frame.path("type").isTextual()
                    ? frame.path("type").asText()
                    : "";
            return switch (type) {
                case "send" -> new ClientFrame.Send(mapper.treeToValue(frame, SendMessage.class));
                case "regenerate" -> new ClientFrame.Regenerate(mapper.treeToValue(frame, RegenerateReply.class));
                case "cancel" -> new ClientFrame.Cancel(mapper.treeToValue(frame, CancelGeneration.class));
                case "resume" -> new ClientFrame.Resume(mapper.treeToValue(frame, ResumeReply.class));
                default -> throw GatewayException.invalidRequest("Not a valid frame");
            };
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw GatewayException.invalidRequest("Not a valid frame");
        }
    }
}

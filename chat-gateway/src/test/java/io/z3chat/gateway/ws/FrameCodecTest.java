package io.z3chat.gateway.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.z3chat.gateway.chat.CancelGeneration;
import io.z3chat.gateway.chat.RegenerateReply;
import io.z3chat.gateway.chat.ResumeReply;
import io.z3chat.gateway.chat.SendMessage;
import io.z3chat.gateway.error.ErrorCode;
import io.z3chat.gateway.error.GatewayException;

/** A socket frame's {@code type} says what the chat flow gets; anything else is {@code invalid_request}. */
class FrameCodecTest {

    private final FrameCodec codec = new FrameCodec(new ObjectMapper());

    @Test
    void eachTypeBecomesWhatTheFlowTakesAndUnknownFieldsAreIgnored() {
        assertEquals(new ClientFrame.Send(new SendMessage("r1", "c1", new SendMessage.UserMessage("m1", "hi"), "x/y")),
                codec.decode("{\"type\":\"send\",\"requestId\":\"r1\",\"chatId\":\"c1\","
                        + "\"message\":{\"id\":\"m1\",\"content\":\"hi\",\"extra\":1},\"model\":\"x/y\",\"later\":true}"));
        assertEquals(new ClientFrame.Send(new SendMessage("r2", "c1", new SendMessage.UserMessage("m2", "hi!"), "x/y",
                "m1")), codec.decode("{\"type\":\"send\",\"requestId\":\"r2\",\"chatId\":\"c1\","
                        + "\"message\":{\"id\":\"m2\",\"content\":\"hi!\"},\"model\":\"x/y\",\"editOf\":\"m1\"}"));
        assertEquals(new ClientFrame.Regenerate(new RegenerateReply("r3", "c1", "a1", "x/z")),
                codec.decode("{\"type\":\"regenerate\",\"requestId\":\"r3\",\"chatId\":\"c1\",\"messageId\":\"a1\","
                        + "\"model\":\"x/z\"}"));
        assertEquals(new ClientFrame.Regenerate(new RegenerateReply(null, "c1", "a1", null)),
                codec.decode("{\"type\":\"regenerate\",\"chatId\":\"c1\",\"messageId\":\"a1\"}"));
        assertEquals(new ClientFrame.Cancel(new CancelGeneration("g1", null)),
                codec.decode("{\"generationId\":\"g1\",\"type\":\"cancel\"}"));
        assertEquals(new ClientFrame.Resume(new ResumeReply("c1", "g1", 12)),
                codec.decode("{\"type\":\"resume\",\"chatId\":\"c1\",\"generationId\":\"g1\",\"offset\":12}"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"type\":\"shout\"}", "{\"chatId\":\"c1\"}", "{\"type\":7}", "[]", "null", "not json",
            "{\"type\":\"resume\",\"offset\":\"far\"}",
            "{\"type\":\"regenerate\",\"messageId\":{\"$gt\":\"\"}}", "{\"type\":\"send\",\"editOf\":[\"m1\"]}" })
    void anythingElseIsAnInvalidRequest(String text) {
        GatewayException error = assertThrows(GatewayException.class, () -> codec.decode(text));
        assertEquals(ErrorCode.INVALID_REQUEST, error.code());
    }
}

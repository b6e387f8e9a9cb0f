package io.z3chat.gateway.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.z3chat.gateway.testing.Contract;
import io.z3chat.gateway.testing.Contract.Exchange;

/**
 * The check the chat stubs run on every exchange (see {@code support/StubContractCheck}) fails on a request or an
 * answer with a renamed field, and passes a well-formed one.
 */
class StubsAreHeldToTheContractsTest {

    private static final String JSON = "application/json";
    private static final Map<String, String> HEADERS = Map.of("Content-Type", JSON, "Authorization", "Bearer x");

    @Test
    void aUserMessageWithARenamedFieldBreaksPersistencesContract() {
        List<String> found = Contract.persistence().check(putMessage("{\"role\":\"user\",\"contents\":\"Hi\"}", 201,
                "{\"id\":\"m_1234567\",\"chatId\":\"c_1234567\",\"role\":\"user\",\"content\":\"Hi\"}"));
        assertTrue(found.stream().anyMatch(v -> v.contains("contents")), found.toString());
    }

    @Test
    void aMessagePageWithARenamedFieldBreaksPersistencesContract() {
        List<String> found = Contract.persistence().check(new Exchange("GET", "/chats/c_1234567/messages", "limit=50",
                HEADERS, null, 200, JSON, "{\"chatId\":\"c_1234567\",\"message\":[],\"hasMore\":false}"));
        assertTrue(found.stream().anyMatch(v -> v.contains("message")), found.toString());
    }

    @Test
    void aWellFormedExchangeKeepsToPersistencesContract() {
        assertEquals(List.of(), Contract.persistence().check(putMessage("{\"role\":\"user\",\"content\":\"Hi\"}", 201,
                "{\"id\":\"m_1234567\",\"chatId\":\"c_1234567\",\"role\":\"user\",\"content\":\"Hi\"}")));
    }

    @Test
    void aGenerationRequestWithARenamedFieldBreaksLlmProxysContract() {
        List<String> found = Contract.llmProxy().checkRequest(new Exchange("POST", "/generations", null, HEADERS,
                "{\"chatId\":\"c_1234567\",\"messageId\":\"m_1234567\",\"model\":\"m\","
                        + "\"history\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", 200, null, null));
        assertTrue(found.stream().anyMatch(v -> v.contains("history")), found.toString());
    }

    private static Exchange putMessage(String body, int status, String answer) {
        return new Exchange("PUT", "/chats/c_1234567/messages/m_1234567", null, HEADERS, body, status, JSON, answer);
    }
}

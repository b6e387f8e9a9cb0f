package io.z3chat.gateway.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.annotation.JsonSubTypes;

import io.z3chat.gateway.downstream.GenerationEvent;
import io.z3chat.gateway.testing.Contract;

/**
 * The records the gateway declares for what it exchanges with the other services (services share no library) name
 * and type their fields as the providers' committed OpenAPI documents do: a field renamed on either side fails here.
 */
class DeclaredRecordsMatchTheProvidersTest {

    private static final Contract LLM_PROXY = Contract.llmProxy();
    private static final Contract PERSISTENCE = Contract.persistence();

    @ParameterizedTest
    @CsvSource({
            "io.z3chat.gateway.downstream.GenerationEvent$Start, StartEvent",
            "io.z3chat.gateway.downstream.GenerationEvent$Delta, DeltaEvent",
            "io.z3chat.gateway.downstream.GenerationEvent$Error, ErrorEvent",
            "io.z3chat.gateway.downstream.GenerationEvent$Done, DoneEvent",
            "io.z3chat.gateway.downstream.GenerationRequest, GenerationRequest",
            "io.z3chat.gateway.downstream.GenerationRequest$HistoryMessage, ChatMessage" })
    void llmProxyRecordsMatchItsDocument(String record, String schema) throws ClassNotFoundException {
        assertEquals(List.of(), LLM_PROXY.mismatchedComponents(Class.forName(record), schema));
    }

    @ParameterizedTest
    @CsvSource({
            "io.z3chat.gateway.downstream.MessagePage, MessagePage",
            "io.z3chat.gateway.downstream.MessagePage$ChatInfo, Chat",
            "io.z3chat.gateway.downstream.StoredMessage, Message" })
    void persistenceRecordsMatchItsDocument(String record, String schema) throws ClassNotFoundException {
        assertEquals(List.of(), PERSISTENCE.mismatchedComponents(Class.forName(record), schema));
    }

    /** A start event as the gateway would read it had llm-proxy's {@code chatId} been renamed on this side. */
    record RenamedStart(String generationId, String chat, String messageId, String model, String owner) {
    }

    /** A delta whose offset this side took for text. */
    record RetypedDelta(String generationId, String offset, String text) {
    }

    @Test
    void aRenamedFieldIsAMismatch() {
        List<String> found = LLM_PROXY.mismatchedComponents(RenamedStart.class, "StartEvent");
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).contains("RenamedStart.chat is not a property"), found.toString());
    }

    @Test
    void aRetypedFieldIsAMismatch() {
        List<String> found = LLM_PROXY.mismatchedComponents(RetypedDelta.class, "DeltaEvent");
        assertEquals(List.of("RetypedDelta.offset is string here but integer in llm-proxy-service's DeltaEvent"), found);
    }

    @Test
    void everyEventTypeTheGatewayReadsIsOneLlmProxyDocuments() {
        // the gateway's @JsonSubTypes names are the discriminator values of llm-proxy's GenerationEvent
        var names = Arrays.stream(GenerationEvent.class.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::name).sorted().toList();
        assertEquals(names, LLM_PROXY.discriminatorValues("GenerationEvent"));
    }

    @Test
    void anEventOfAnUndocumentedShapeIsAViolation() {
        assertTrue(LLM_PROXY.checkSchema("GenerationEvent",
                "{\"type\":\"delta\",\"generationId\":\"gen_12345678\",\"offset\":0,\"txt\":\"Hi\"}").size() > 0);
        assertEquals(List.of(), LLM_PROXY.checkSchema("GenerationEvent",
                "{\"type\":\"delta\",\"generationId\":\"gen_12345678\",\"offset\":0,\"text\":\"Hi\"}"));
        LLM_PROXY.takeViolations();
    }
}

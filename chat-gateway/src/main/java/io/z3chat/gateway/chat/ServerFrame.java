package io.z3chat.gateway.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import io.z3chat.gateway.downstream.GenerationEvent;
import io.z3chat.gateway.downstream.StoredMessage;
import io.z3chat.gateway.error.ErrorCode;
import io.z3chat.gateway.error.GatewayException;

/** What the gateway sends on {@code /ws/chat} and as server-sent events (SPEC section 4). */
public sealed interface ServerFrame {

    String type();

    /** The generation a frame belongs to, or null. */
    default String generationId() {
        return null;
    }

    @JsonPropertyOrder({ "type" })
    record Ack(String requestId, String messageId) implements ServerFrame {
        @JsonProperty
        public String type() {
            return "ack";
        }
    }

    @JsonPropertyOrder({ "type" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Start(String generationId, String chatId, String messageId, String model) implements ServerFrame {
        @JsonProperty
        public String type() {
            return "start";
        }
    }

    @JsonPropertyOrder({ "type" })
    record Delta(String generationId, int offset, String text) implements ServerFrame {
        /** The most text one delta frame carries, so no frame alone comes near a client's outbound bound. */
        public static final int MAX_CHARS = 8192;

        @JsonProperty
        public String type() {
            return "delta";
        }

        public int end() {
            return offset + text.length();
        }

        /** This delta cut into deltas of at most {@code maxChars} units that join into it, never inside a surrogate pair. */
        public java.util.List<Delta> pieces(int maxChars) {
            if (text.length() <= maxChars) {
                return java.util.List.of(this);
            }
            var pieces = new java.util.ArrayList<Delta>();
            for (int from = 0, to; from < text.length(); from = to) {
                to = Math.min(text.length(), from + maxChars);
                if (to < text.length() && Character.isHighSurrogate(text.charAt(to - 1))) {
                    to--;
                }
                pieces.add(new Delta(generationId, offset + from, text.substring(from, to)));
            }
            return pieces;
        }
    }

    @JsonPropertyOrder({ "type" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Done(String generationId, String messageId, String status, JsonNode usage, JsonNode timing, JsonNode error)
            implements ServerFrame {
        @JsonProperty
        public String type() {
            return "done";
        }
    }

    @JsonPropertyOrder({ "type" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String requestId, String generationId, String code, String message, boolean retryable, Long retryAfter)
            implements ServerFrame {
        @JsonProperty
        public String type() {
            return "error";
        }

        public static Error of(String requestId, String generationId, String code, String message, boolean retryable) {
            return new Error(requestId, generationId, code, message, retryable, null);
        }

        public static Error of(String requestId, String generationId, ErrorCode code, String message, boolean retryable) {
            return of(requestId, generationId, code.code(), message, retryable);
        }

        /** The frame of a failure: its code, message, whether to retry and, when it says so, after how long. */
        public static Error of(String requestId, String generationId, GatewayException failure) {
            return new Error(requestId, generationId, failure.code().code(), failure.getMessage(), failure.retryable(),
                    failure.retryAfterSeconds() > 0 ? failure.retryAfterSeconds() : null);
        }
    }

    /**
     * A reply started in one of the user's chats, told to the user's sockets that do not follow that chat (another
     * tab): one that shows the chat resumes the generation from offset 0 and then follows it like its own.
     */
    @JsonPropertyOrder({ "type" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Started(String chatId, String generationId, String messageId, String model) implements ServerFrame {
        @JsonProperty
        public String type() {
            return "started";
        }
    }

    /** The chat's title or preview changed. */
    @JsonPropertyOrder({ "type" })
    record Chat(JsonNode chat) implements ServerFrame {
        @JsonProperty
        public String type() {
            return "chat";
        }
    }

    /** The browser's view of a generation event: the owner replica's address stays inside. */
    static ServerFrame of(GenerationEvent event) {
        if (event instanceof GenerationEvent.Start start) {
            return new Start(start.generationId(), start.chatId(), start.messageId(), start.model());
        }
        if (event instanceof GenerationEvent.Delta delta) {
            return new Delta(delta.generationId(), delta.offset(), delta.text() == null ? "" : delta.text());
        }
        if (event instanceof GenerationEvent.Error error) {
            return Error.of(null, error.generationId(), error.code(), error.message(), error.retryable());
        }
        if (event instanceof GenerationEvent.Done done) {
            return new Done(done.generationId(), done.messageId(), done.status(), done.usage(), done.timing(), done.error());
        }
        return null;
    }

    /** A finished reply told from what persistence stored. */
    static Done doneOf(StoredMessage message) {
        return new Done(message.generationId(), message.id(), message.status(), message.usage(), message.timing(),
                message.error());
    }
}

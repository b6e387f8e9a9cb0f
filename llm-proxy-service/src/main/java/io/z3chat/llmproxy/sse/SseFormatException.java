package io.z3chat.llmproxy.sse;

/** The stream broke a limit the parser keeps to stay bounded. */
public class SseFormatException extends RuntimeException {

    public SseFormatException(String message) {
        super(message);
    }
}

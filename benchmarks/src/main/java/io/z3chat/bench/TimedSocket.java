package io.z3chat.bench;

import io.z3chat.local.e2e.BrowserSession;
import tools.jackson.databind.JsonNode;

import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/** A {@code /ws/chat} client that hands each frame to a handler with the {@code System.nanoTime()} of its receipt. */
final class TimedSocket implements WebSocket.Listener {

    private final BiConsumer<JsonNode, Long> handler;
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket webSocket;
    private volatile String closed;

    TimedSocket(BiConsumer<JsonNode, Long> handler) {
        this.handler = handler;
    }

    static TimedSocket open(BrowserSession session, BiConsumer<JsonNode, Long> handler) {
        TimedSocket socket = new TimedSocket(handler);
        socket.webSocket = session.connect(session.gatewayUrl(), session.gatewayUrl(), socket).join();
        return socket;
    }

    void send(Map<String, Object> frame) {
        webSocket.sendText(BrowserSession.JSON.writeValueAsString(frame), true).join();
    }

    /** Null while open; the close code and reason, or the error, once the connection ended. */
    String closed() {
        return closed;
    }

    void close() {
        webSocket.abort();
    }

    @Override
    public void onOpen(WebSocket ws) {
        ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        long receivedAt = System.nanoTime();
        partial.append(data);
        if (last) {
            JsonNode frame = BrowserSession.JSON.readTree(partial.toString());
            partial.setLength(0);
            handler.accept(frame, receivedAt);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed = statusCode + " " + reason;
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed = "error " + error;
    }
}

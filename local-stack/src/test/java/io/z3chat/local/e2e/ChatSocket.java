package io.z3chat.local.e2e;

import tools.jackson.databind.JsonNode;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client of {@code /ws/chat}: sends JSON frames and queues the frames it receives, in order. */
final class ChatSocket implements WebSocket.Listener {

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile WebSocket webSocket;

    void attach(WebSocket webSocket) {
        this.webSocket = webSocket;
    }

    void send(Map<String, Object> frame) {
        webSocket.sendText(BrowserSession.JSON.writeValueAsString(frame), true).join();
    }

    /** The next frame, failing the test if none comes within the timeout. */
    JsonNode next(Duration timeout) throws InterruptedException {
        JsonNode frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within " + timeout.toSeconds() + " s");
        }
        return frame;
    }

    /** The frames received and not read yet, without waiting for more. */
    java.util.List<JsonNode> received() {
        java.util.List<JsonNode> received = new java.util.ArrayList<>();
        frames.drainTo(received);
        return received;
    }

    /** Skips frames until one of the given type arrives; an {@code error} frame fails the test. */
    JsonNode nextOfType(String type, Duration timeout) throws InterruptedException {
        while (true) {
            JsonNode frame = next(timeout);
            String actual = frame.path("type").asString("");
            if (actual.equals(type)) {
                return frame;
            }
            if (actual.equals("error")) {
                throw new AssertionError("error frame while waiting for " + type + ": " + frame);
            }
        }
    }

    /** The status code of the server's close frame, failing the test if it does not close within the timeout. */
    int awaitClose(Duration timeout) throws InterruptedException {
        try {
            return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the server did not close the socket within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new AssertionError("the socket failed instead of closing", e.getCause());
        }
    }

    /** Drops the connection the way a closed laptop lid does: no close handshake. */
    void drop() {
        webSocket.abort();
    }

    @Override
    public void onOpen(WebSocket ws) {
        ws.request(1);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(BrowserSession.JSON.readTree(partial.toString()));
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }
}

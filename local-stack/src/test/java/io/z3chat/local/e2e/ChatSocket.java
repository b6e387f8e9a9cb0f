package io.z3chat.local.e2e;

import tools.jackson.databind.JsonNode;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A client of {@code /ws/chat}: sends JSON frames and queues the frames it receives, in order. */
final class ChatSocket implements WebSocket.Listener {

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile WebSocket webSocket;
    private volatile boolean paused;

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

    /** The next frame, or null when none comes within the timeout. */
    JsonNode poll(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
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

    /** Drops the connection the way a closed laptop lid does: no close handshake. */
    void drop() {
        webSocket.abort();
    }

    /** Stops reading, as a stalled tab or a saturated link does: frames pile up in the network and at the server. */
    void stopReading() {
        paused = true;
    }

    /** Reads again what is queued, from where it stopped. */
    void startReading() {
        paused = false;
        webSocket.request(1);
    }

    /** Waits until the server closes the connection: its close code and reason, or the error that ended it. */
    String awaitClosed(Duration timeout) throws InterruptedException, java.util.concurrent.ExecutionException {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the connection was still open after " + timeout.toSeconds() + " s");
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.complete("error " + error);
    }

    @Override
    public void onOpen(WebSocket ws) {
        ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(BrowserSession.JSON.readTree(partial.toString()));
            partial.setLength(0);
        }
        if (!paused) {
            ws.request(1);
        }
        return null;
    }
}

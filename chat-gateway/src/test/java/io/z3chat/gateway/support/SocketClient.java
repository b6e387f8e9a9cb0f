package io.z3chat.gateway.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.restassured.RestAssured;
import io.vertx.core.Future;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/** A test WebSocket client of {@code /ws/chat} that queues every frame it receives. */
public final class SocketClient implements AutoCloseable {

    private static final long WAIT_SECONDS = 20;

    private final WebSocket socket;
    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Short> closed = new CompletableFuture<>();

    private SocketClient(WebSocket socket) {
        this.socket = socket;
        socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
        socket.closeHandler(ignored -> closed.complete(socket.closeStatusCode()));
    }

    public static SocketClient open(Browser browser) {
        return open(browser.cookieHeader(), Browser.ORIGIN, null);
    }

    public static SocketClient open(String cookie, String origin, String bearer) {
        Future<WebSocket> connecting = connect(cookie, origin, bearer);
        try {
            return new SocketClient(connecting.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError("socket did not open: " + e.getMessage(), e);
        }
    }

    /** The HTTP status of a refused upgrade, 101 when the socket opened (it is closed again). */
    public static int rejection(String cookie, String origin, String bearer) {
        UpgradeRejectedException refused = refusal(cookie, origin, bearer);
        return refused == null ? 101 : refused.getStatus();
    }

    /** Why an upgrade was refused (status, headers, body); null when the socket opened (it is closed again). */
    public static UpgradeRejectedException refusal(String cookie, String origin, String bearer) {
        try {
            WebSocket socket = connect(cookie, origin, bearer).toCompletionStage().toCompletableFuture()
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            socket.close();
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UpgradeRejectedException rejected) {
                return rejected;
            }
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Future<WebSocket> connect(String cookie, String origin, String bearer) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost")
                .setPort(RestAssured.port).setURI("/ws/chat");
        if (cookie != null) {
            options.addHeader("Cookie", cookie);
        }
        if (origin != null) {
            options.addHeader("Origin", origin);
        }
        if (bearer != null) {
            options.addHeader("Authorization", "Bearer " + bearer);
        }
        return Stubs.vertx().createWebSocketClient().connect(options);
    }

    public void send(JsonObject frame) {
        socket.writeTextMessage(frame.encode());
    }

    /** The client's port, which the server sees as the remote one. */
    public int localPort() {
        return socket.localAddress().port();
    }

    public void pause() {
        socket.pause();
    }

    public void resume() {
        socket.resume();
    }

    public JsonObject next() {
        try {
            JsonObject frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame received");
            }
            return frame;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Skips frames until one of {@code type} arrives. */
    public JsonObject next(String type) {
        while (true) {
            JsonObject frame = next();
            if (type.equals(frame.getString("type"))) {
                return frame;
            }
        }
    }

    /** Frames up to and including the first of {@code type}. */
    public List<JsonObject> until(String type) {
        List<JsonObject> received = new ArrayList<>();
        while (true) {
            JsonObject frame = next();
            received.add(frame);
            if (type.equals(frame.getString("type"))) {
                return received;
            }
        }
    }

    /** Nothing further is queued right now (used after a flow's final frame). */
    public boolean nothingPending() {
        return frames.isEmpty();
    }

    public short awaitClose() {
        try {
            return closed.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("socket not closed", e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}

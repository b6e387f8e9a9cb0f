package io.z3chat.llmproxy.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.vertx.core.json.JsonObject;
import io.z3chat.llmproxy.sse.SseParser;

/** Reads this service's event streams the way the gateway does; closing it disconnects. */
public final class SseClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    public record Event(String type, JsonObject data) {
    }

    private final int status;
    private final String errorBody;
    private final InputStream body;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final List<Event> received = new ArrayList<>();
    private static final Object END = new Object();

    private SseClient(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.body = response.body();
        if (status != 200) {
            this.errorBody = read(body);
            return;
        }
        this.errorBody = null;
        Thread reader = new Thread(this::pump, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public static SseClient post(URI uri, String token, String json) {
        return send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public static SseClient get(URI uri, String token) {
        return send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build());
    }

    private static SseClient send(HttpRequest request) {
        try {
            return new SseClient(HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return status;
    }

    public JsonObject errorBody() {
        return new JsonObject(errorBody);
    }

    /** Events until the first that matches (included); fails when the stream ends or the deadline passes first. */
    public List<Event> until(Predicate<Event> last) {
        List<Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            Object next;
            try {
                next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (next == null || next == END) {
                throw new AssertionError("stream ended or timed out before the expected event; got " + events);
            }
            Event event = (Event) next;
            events.add(event);
            received.add(event);
            if (last.test(event)) {
                return events;
            }
        }
    }

    public List<Event> untilDone() {
        return until(event -> event.type().equals("done"));
    }

    /** Reads deltas until the text received so far on this stream is {@code expected} long or longer. */
    public String textUntilLength(int length) {
        until(event -> text().length() >= length);
        return text();
    }

    /** Every event read from this stream so far, in order. */
    public List<Event> received() {
        return List.copyOf(received);
    }

    /** All delta texts received on this stream, joined. */
    public String text() {
        StringBuilder text = new StringBuilder();
        received.stream().filter(e -> e.type().equals("delta")).forEach(e -> text.append(e.data().getString("text")));
        return text.toString();
    }

    /** True when the stream has ended (without reading further events into the received list). */
    public boolean endsAfter(Duration wait) throws InterruptedException {
        Object next = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        return next == END;
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private void pump() {
        SseParser parser = new SseParser(e -> queue.add(new Event(e.type(), new JsonObject(e.data()))), 10_000_000);
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = body.read(buffer)) >= 0) {
                parser.feed(java.util.Arrays.copyOf(buffer, n));
            }
            parser.end();
        } catch (IOException closed) {
            // the test closed the stream
        } finally {
            queue.add(END);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

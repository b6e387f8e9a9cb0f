package io.z3chat.gateway.api;

import java.util.concurrent.CompletionStage;

import io.vertx.core.http.HttpServerResponse;
import io.z3chat.gateway.GatewayMetrics;
import io.z3chat.gateway.chat.FrameSink;
import io.z3chat.gateway.chat.Outbox;
import io.z3chat.gateway.chat.ServerFrame;
import io.z3chat.gateway.error.ErrorResponses;
import io.z3chat.gateway.ws.FrameCodec;

/**
 * The SSE fallback's end of a send: the same bounded {@link Outbox} as a socket, writing {@code event:}/{@code data:}
 * pairs. A failure before the message is saved is still a plain HTTP error (nothing has been streamed yet).
 */
final class SseSink implements FrameSink {

    private final HttpServerResponse response;
    private final Outbox outbox;
    private boolean streaming;
    private boolean ended;

    SseSink(HttpServerResponse response, FrameCodec codec, long maxBuffered, GatewayMetrics metrics) {
        this.response = response;
        this.outbox = new Outbox(new Outbox.Channel() {
            @Override
            public CompletionStage<Void> write(String text) {
                return response.write(eventOf(text)).toCompletionStage();
            }

            @Override
            public void closeTooSlow() {
                response.reset();
            }

            @Override
            public void finish() {
                end();
            }
        }, codec, maxBuffered, "sse", () -> metrics.slowConsumerDisconnected("sse"));
        response.closeHandler(ignored -> outbox.closed());
    }

    @Override
    public synchronized void offer(ServerFrame frame) {
        if (ended) {
            return;
        }
        if (!streaming) {
            if (frame instanceof ServerFrame.Error error && error.generationId() == null) {
                ended = true;
                response.setStatusCode(ErrorStatus.of(error.code())).putHeader("Content-Type", "application/json");
                if (error.retryAfter() != null) {
                    response.putHeader("Retry-After", error.retryAfter().toString());
                }
                response.end(ErrorResponses.body(error.code(), error.message()));
                outbox.closed();
                return;
            }
            streaming = true;
            response.setStatusCode(200).setChunked(true)
                    .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    .putHeader("X-Accel-Buffering", "no");
        }
        outbox.offer(frame);
    }

    private synchronized void end() {
        if (!ended) {
            ended = true;
            outbox.closed();
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        }
    }

    @Override
    public void expect(String generationId, int offset) {
        outbox.expect(generationId, offset);
    }

    @Override
    public boolean isOpen() {
        return outbox.isOpen();
    }

    @Override
    public void finish() {
        outbox.finish();
    }

    @Override
    public String transport() {
        return "sse";
    }

    /** One SSE event per frame, named after the frame's type (the JSON starts with it). */
    static String eventOf(String json) {
        int start = json.indexOf("\"type\":\"") + 8;
        String type = json.substring(start, json.indexOf('"', start));
        return "event: " + type + "\ndata: " + json + "\n\n";
    }
}

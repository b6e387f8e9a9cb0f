package io.z3chat.gateway.chat;

import java.time.Duration;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpClientResponse;
import io.z3chat.gateway.GatewayMetrics;
import io.z3chat.gateway.downstream.GenerationEvent;
import io.z3chat.gateway.downstream.SseParser;

/**
 * Reads one llm-proxy event stream and hands each event, in order, to its audience: the sink that asked for it and,
 * for a new generation, every other socket of the user on that chat. It holds nothing but the event being parsed;
 * when nobody listens any more it lets go of the stream (llm-proxy goes on and saves the reply).
 */
final class GenerationRelay {

    /** What to do when the stream breaks after {@code start} and before {@code done}. */
    interface Break {
        /** {@code offset}: how much of the reply the audience has; {@code owner}: the replica that announced it. */
        void broken(String generationId, String owner, int offset);
    }

    private static final Logger LOG = Logger.getLogger(GenerationRelay.class);
    private static final int MAX_EVENT_BYTES = 1 << 20;

    private final ChatHub hub;
    private final ChatHub.ChatKey key;
    private final FrameSink origin;
    private final boolean toRoom;
    private final GenerationDirectory directory;
    private final GatewayMetrics metrics;
    private final ObjectMapper mapper;
    private final long sentAtNanos;
    private final Break onBreak;
    private HttpClientResponse response;
    private String generationId;
    private String owner;
    private int offset;
    private boolean firstDeltaSeen;
    private boolean continuing;
    private boolean finished;

    GenerationRelay(ChatHub hub, ChatHub.ChatKey key, FrameSink origin, boolean toRoom, GenerationDirectory directory,
            GatewayMetrics metrics, ObjectMapper mapper, long sentAtNanos, Break onBreak) {
        this.hub = hub;
        this.key = key;
        this.origin = origin;
        this.toRoom = toRoom;
        this.directory = directory;
        this.metrics = metrics;
        this.mapper = mapper;
        this.sentAtNanos = sentAtNanos;
        this.onBreak = onBreak;
    }

    /** This stream picks up a reply its audience is already streaming: its {@code start} is not sent again. */
    GenerationRelay continuing() {
        continuing = true;
        return this;
    }

    /**
     * Starts consuming; the response must still be paused. A follow names the generation, its owner and the offset
     * it asked from; a new generation learns them from its {@code start}.
     */
    void attach(HttpClientResponse stream, String expectedGenerationId, String knownOwner, int fromOffset) {
        this.response = stream;
        this.generationId = expectedGenerationId;
        this.owner = knownOwner;
        this.offset = fromOffset;
        SseParser parser = new SseParser(MAX_EVENT_BYTES, (type, data) -> onEvent(data));
        stream.handler(chunk -> {
            try {
                parser.feed(chunk);
            } catch (RuntimeException e) {
                LOG.warnf("Unreadable generation stream chatId=%s generationId=%s", key.chatId(), generationId);
                interrupted();
            }
        });
        stream.exceptionHandler(e -> interrupted());
        stream.endHandler(ignored -> interrupted());
        stream.resume();
    }

    private synchronized void onEvent(String data) {
        if (finished) {
            return;
        }
        GenerationEvent event;
        try {
            event = mapper.readValue(data, GenerationEvent.class);
        } catch (Exception e) {
            LOG.warnf("Skipping unreadable generation event chatId=%s", key.chatId());
            return;
        }
        ServerFrame frame = ServerFrame.of(event);
        if (frame == null) {
            return;
        }
        if (event instanceof GenerationEvent.Start start) {
            generationId = start.generationId();
            if (start.owner() != null) {
                owner = start.owner();
            }
            if (continuing) {
                return;
            }
            directory.remember(start.generationId(), new GenerationDirectory.Entry(key.user(), key.chatId(), start.owner()));
        }
        if (event instanceof GenerationEvent.Delta delta) {
            offset = Math.max(offset, delta.offset() + delta.text().length());
        }
        if (event instanceof GenerationEvent.Delta && !firstDeltaSeen) {
            firstDeltaSeen = true;
            if (sentAtNanos > 0) {
                metrics.timeToFirstToken(origin.transport(), Duration.ofNanos(System.nanoTime() - sentAtNanos));
            }
        }
        boolean listening = deliver(frame);
        if (event instanceof GenerationEvent.Start start && toRoom) {
            hub.announce(key, origin, new ServerFrame.Started(key.chatId(), start.generationId(), start.messageId(),
                    start.model()));
        }
        if (event instanceof GenerationEvent.Done) {
            finished = true;
            origin.finish();
        } else if (!listening) {
            finished = true;
            LOG.debugf("Nobody listens any more, letting go chatId=%s generationId=%s", key.chatId(), generationId);
            release();
        }
    }

    private boolean deliver(ServerFrame frame) {
        if (toRoom) {
            return hub.publish(key, origin, frame);
        }
        origin.offer(frame);
        return origin.isOpen();
    }

    /**
     * The stream ended or broke before {@code done}. Once the generation is known, the break handler carries on
     * (the owner may only have lost this connection); otherwise the client should resume.
     */
    private synchronized void interrupted() {
        if (finished) {
            return;
        }
        finished = true;
        release();
        if (generationId != null && onBreak != null) {
            LOG.infof("Generation stream broke chatId=%s generationId=%s offset=%d", key.chatId(), generationId, offset);
            onBreak.broken(generationId, owner, offset);
            return;
        }
        deliver(ServerFrame.Error.of(null, generationId, "unavailable",
                "The reply stream was interrupted; resume to get the rest", true));
        origin.finish();
    }

    private void release() {
        try {
            response.request().reset();
        } catch (RuntimeException ignored) {
            // already closed
        }
    }
}

package io.z3chat.gateway.chat;

import java.time.Duration;
import java.util.OptionalLong;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpClientResponse;
import io.z3chat.gateway.GatewayMetrics;
import io.z3chat.gateway.downstream.GenerationEvent;
import io.z3chat.gateway.downstream.SseParser;
import io.z3chat.gateway.error.ErrorCode;

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

    /** What every relay uses; {@link ChatService} holds one. */
    record Tools(GenerationDirectory directory, GatewayMetrics metrics, ObjectMapper mapper) {
    }

    private final Tools tools;
    private final Audience audience;
    private final OptionalLong sentAtNanos;
    private final boolean continuing;
    private final Break onBreak;
    private HttpClientResponse response;
    private String generationId;
    private String owner;
    private int offset;
    private boolean firstDeltaSeen;
    private boolean finished;

    private GenerationRelay(Tools tools, Audience audience, OptionalLong sentAtNanos, boolean continuing, Break onBreak) {
        this.tools = tools;
        this.audience = audience;
        this.sentAtNanos = sentAtNanos;
        this.continuing = continuing;
        this.onBreak = onBreak;
    }

    /**
     * The stream of a reply just asked for: its {@code start} is remembered in the directory and its first delta
     * times the first token from {@code sentAtNanos} (when the send arrived). {@code onBreak} may be null: nothing
     * picks the stream up again.
     */
    static GenerationRelay newReply(Tools tools, Audience audience, long sentAtNanos, Break onBreak) {
        return new GenerationRelay(tools, audience, OptionalLong.of(sentAtNanos), false, onBreak);
    }

    /** The stream of a reply followed at its owner for a resume: the audience gets it from its {@code start}. */
    static GenerationRelay resumed(Tools tools, Audience audience, Break onBreak) {
        return new GenerationRelay(tools, audience, OptionalLong.empty(), false, onBreak);
    }

    /** The stream of a reply its audience is already streaming (the last one broke): no second {@code start}. */
    static GenerationRelay continued(Tools tools, Audience audience, Break onBreak) {
        return new GenerationRelay(tools, audience, OptionalLong.empty(), true, onBreak);
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
                LOG.warnf("Unreadable generation stream chatId=%s generationId=%s", audience.key().chatId(),
                        generationId);
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
            event = tools.mapper().readValue(data, GenerationEvent.class);
        } catch (Exception e) {
            LOG.warnf("Skipping unreadable generation event chatId=%s", audience.key().chatId());
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
            tools.directory().remember(start.generationId(),
                    new GenerationDirectory.Entry(audience.key().user(), audience.key().chatId(), start.owner()));
        }
        if (event instanceof GenerationEvent.Delta delta) {
            offset = Math.max(offset, delta.offset() + delta.text().length());
        }
        if (event instanceof GenerationEvent.Delta && !firstDeltaSeen) {
            firstDeltaSeen = true;
            sentAtNanos.ifPresent(sentAt -> tools.metrics().timeToFirstToken(audience.origin().transport(),
                    Duration.ofNanos(System.nanoTime() - sentAt)));
        }
        boolean listening = true;
        if (frame instanceof ServerFrame.Delta delta) {
            for (ServerFrame.Delta piece : delta.pieces(ServerFrame.Delta.MAX_CHARS)) {
                // bounded frames; the backlog itself (at most one reply, 100,000 units) fits a client's bound
                listening = audience.deliver(piece);
            }
        } else {
            listening = audience.deliver(frame);
        }
        if (event instanceof GenerationEvent.Start start && audience.toRoom()) {
            audience.hub().announce(audience.key(), audience.origin(), new ServerFrame.Started(audience.key().chatId(),
                    start.generationId(), start.messageId(), start.model()), start.owner());
        }
        if (event instanceof GenerationEvent.Done) {
            finished = true;
            audience.origin().finish();
        } else if (!listening) {
            finished = true;
            LOG.debugf("Nobody listens any more, letting go chatId=%s generationId=%s", audience.key().chatId(),
                    generationId);
            release();
        }
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
            LOG.infof("Generation stream broke chatId=%s generationId=%s offset=%d", audience.key().chatId(), generationId,
                    offset);
            onBreak.broken(generationId, owner, offset);
            return;
        }
        audience.send(ServerFrame.Error.of(null, generationId, ErrorCode.UNAVAILABLE,
                "The reply stream was interrupted; resume to get the rest", true));
        audience.origin().finish();
    }

    private void release() {
        try {
            response.request().reset();
        } catch (RuntimeException ignored) {
            // already closed
        }
    }
}

package io.z3chat.gateway.ws;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.z3chat.gateway.GatewayConfig;
import io.z3chat.gateway.GatewayMetrics;
import io.z3chat.gateway.chat.ChatHub;
import io.z3chat.gateway.chat.ChatService;
import io.z3chat.gateway.chat.FrameJson;
import io.z3chat.gateway.chat.Outbox;
import io.z3chat.gateway.chat.ServerFrame;
import io.z3chat.gateway.error.GatewayException;
import io.z3chat.gateway.ratelimit.RateLimiter;

/** {@code /ws/chat}: the browser's live channel (SPEC section 4). The upgrade is checked by {@link SocketUpgradeCheck}. */
@WebSocket(path = "/ws/chat")
public class ChatSocket {

    private static final Logger LOG = Logger.getLogger(ChatSocket.class);
    /** 1013 "try again later": the client should reconnect and resume. */
    static final CloseReason TOO_SLOW = new CloseReason(1013, "client too slow; reconnect and resume");
    static final CloseReason TOO_BIG = new CloseReason(1009, "message too big");

    private final Map<String, Outbox> outboxes = new ConcurrentHashMap<>();
    private final ChatService chats;
    private final ChatHub hub;
    private final FrameCodec codec;
    private final FrameJson json;
    private final RateLimiter limiter;
    private final GatewayMetrics metrics;
    private final long maxBuffered;

    ChatSocket(ChatService chats, ChatHub hub, FrameCodec codec, FrameJson json, RateLimiter limiter,
            GatewayMetrics metrics, GatewayConfig config) {
        this.chats = chats;
        this.hub = hub;
        this.codec = codec;
        this.json = json;
        this.limiter = limiter;
        this.metrics = metrics;
        this.maxBuffered = config.limits().outboundBufferBytes();
    }

    @OnOpen
    void open(WebSocketConnection connection) {
        Outbox outbox = new Outbox(new Outbox.Channel() {
            @Override
            public CompletionStage<Void> write(String text) {
                return connection.sendText(text).subscribeAsCompletionStage();
            }

            @Override
            public void closeTooSlow() {
                connection.close(TOO_SLOW).subscribe().with(ignored -> {
                }, ignored -> {
                });
            }
        }, json, maxBuffered, "ws", () -> {
            metrics.slowConsumerDisconnected("ws");
            LOG.infof("Closing socket of a client too slow to keep up connection=%s", connection.id());
        });
        outboxes.put(connection.id(), outbox);
        String user = connection.userData().get(SocketUpgradeCheck.USER);
        if (user != null) {
            hub.connect(user, outbox);
        }
        metrics.socketOpened();
    }

    @OnTextMessage
    Uni<Void> message(WebSocketConnection connection, String text) {
        Outbox outbox = outboxes.get(connection.id());
        String user = connection.userData().get(SocketUpgradeCheck.USER);
        if (outbox == null || user == null) {
            return Uni.createFrom().voidItem();
        }
        RateLimiter.Decision request = limiter.tryRequest(user);
        if (!request.allowed()) {
            outbox.offer(ServerFrame.Error.of(null, null, GatewayException.rateLimited(request.retryAfterSeconds())));
            return Uni.createFrom().voidItem();
        }
        ClientFrame frame;
        try {
            frame = codec.decode(text);
        } catch (GatewayException e) {
            outbox.offer(ServerFrame.Error.of(null, null, e));
            return Uni.createFrom().voidItem();
        }
        try {
            dispatch(user, frame, outbox);
        } catch (GatewayException e) {
            outbox.offer(ServerFrame.Error.of(requestIdOf(frame), null, e));
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure handling a socket frame", e);
            outbox.offer(ServerFrame.Error.of(requestIdOf(frame), null, GatewayException.internal()));
        }
        return Uni.createFrom().voidItem();
    }

    /** Flows run in the background, so a long send never holds up this socket's next frame (a cancel). */
    private void dispatch(String user, ClientFrame frame, Outbox outbox) {
        if (frame instanceof ClientFrame.Send send) {
            chats.submit(user, send.send(), outbox, true);
        } else if (frame instanceof ClientFrame.Regenerate regenerate) {
            chats.regenerate(user, regenerate.regenerate(), outbox, true);
        } else if (frame instanceof ClientFrame.Resume resume) {
            chats.resume(user, resume.resume(), outbox, true).subscribe().with(ignored -> {
            });
        } else if (frame instanceof ClientFrame.Cancel cancel) {
            chats.cancel(user, cancel.cancel(), outbox).subscribe().with(ignored -> {
            });
        }
    }

    /**
     * A frame over {@code quarkus.websockets-next.server.max-message-size} is refused by Vert.x with this exception:
     * close with 1009 ("message too big") instead of 1011 and an error log for what is the client's doing.
     */
    @OnError
    Uni<Void> error(WebSocketConnection connection, IllegalStateException error) {
        boolean tooBig = String.valueOf(error.getMessage()).contains("max message size");
        if (tooBig) {
            LOG.infof("Closing socket that sent a message over the size limit connection=%s", connection.id());
        } else {
            LOG.error("Unexpected socket failure", error);
        }
        return connection.close(tooBig ? TOO_BIG : CloseReason.INTERNAL_SERVER_ERROR);
    }

    @OnClose
    void close(WebSocketConnection connection) {
        Outbox outbox = outboxes.remove(connection.id());
        if (outbox != null) {
            outbox.closed();
            String user = connection.userData().get(SocketUpgradeCheck.USER);
            if (user != null) {
                hub.disconnect(user, outbox);
            } else {
                hub.leaveAll(outbox);
            }
            metrics.socketClosed();
        }
    }

    private static String requestIdOf(ClientFrame frame) {
        if (frame instanceof ClientFrame.Send send) {
            return send.send().requestId();
        }
        return frame instanceof ClientFrame.Regenerate regenerate ? regenerate.regenerate().requestId() : null;
    }
}

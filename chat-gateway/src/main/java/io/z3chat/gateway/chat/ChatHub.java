package io.z3chat.gateway.chat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which sinks on this instance follow which of a user's chats: a socket joins a chat when it sends or resumes there,
 * and from then on sees every generation started on that chat through this instance. The user's other sockets, here
 * and on the other gateway replicas ({@link PeerAnnouncements}), are told that a reply started ({@link #announce}),
 * so a tab showing the chat can resume it.
 */
@ApplicationScoped
public class ChatHub {

    /** A chat of one user. */
    public record ChatKey(String user, String chatId) {
    }

    static final int CHATS_PER_SINK = 32;

    private final Map<ChatKey, Set<FrameSink>> rooms = new ConcurrentHashMap<>();
    private final Map<FrameSink, Deque<ChatKey>> joined = new ConcurrentHashMap<>();
    private final Map<String, Set<FrameSink>> sockets = new ConcurrentHashMap<>();
    private final PeerAnnouncements peers;

    ChatHub(PeerAnnouncements peers) {
        this.peers = peers;
    }

    /** A socket of the user opened on this instance. */
    public void connect(String user, FrameSink sink) {
        sockets.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(sink);
    }

    /** The socket closed: it leaves its chats and is no longer one of the user's. */
    public void disconnect(String user, FrameSink sink) {
        leaveAll(sink);
        sockets.computeIfPresent(user, (u, sinks) -> {
            sinks.remove(sink);
            return sinks.isEmpty() ? null : sinks;
        });
    }

    public void join(ChatKey key, FrameSink sink) {
        Deque<ChatKey> keys = joined.computeIfAbsent(sink, s -> new ArrayDeque<>());
        ChatKey evicted = null;
        synchronized (keys) {
            if (keys.contains(key)) {
                return;
            }
            keys.addLast(key);
            if (keys.size() > CHATS_PER_SINK) {
                evicted = keys.removeFirst();
            }
        }
        rooms.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(sink);
        if (evicted != null) {
            remove(evicted, sink);
        }
    }

    public void leaveAll(FrameSink sink) {
        Deque<ChatKey> keys = joined.remove(sink);
        if (keys == null) {
            return;
        }
        synchronized (keys) {
            keys.forEach(key -> remove(key, sink));
        }
    }

    /** Delivers to every sink on the chat plus the originator; false when nobody is listening any more. */
    public boolean publish(ChatKey key, FrameSink origin, ServerFrame frame) {
        Set<FrameSink> targets = new LinkedHashSet<>();
        if (origin != null) {
            targets.add(origin);
        }
        targets.addAll(rooms.getOrDefault(key, Set.of()));
        boolean listening = false;
        for (FrameSink sink : targets) {
            sink.offer(frame);
            listening |= sink.isOpen();
        }
        return listening;
    }

    /**
     * Tells the user's sockets here that do not follow the chat (they get the frames themselves), never another user's,
     * and then the other replicas, which tell the user's sockets there; {@code owner} is the llm-proxy replica
     * generating the reply, for them to follow it at.
     */
    public void announce(ChatKey key, FrameSink origin, ServerFrame.Started frame, String owner) {
        Set<FrameSink> following = rooms.getOrDefault(key, Set.of());
        for (FrameSink sink : sockets.getOrDefault(key.user(), Set.of())) {
            if (sink != origin && !following.contains(sink)) {
                sink.offer(frame);
            }
        }
        peers.tell(key.user(), frame, owner);
    }

    /**
     * Every socket of the user here: a reply started on another replica (none of them gets its frames), a switch of
     * the version a chat shows (a tab that only reads the chat does not follow it).
     */
    public void tellAll(String user, ServerFrame frame) {
        for (FrameSink sink : sockets.getOrDefault(user, Set.of())) {
            sink.offer(frame);
        }
    }

    private void remove(ChatKey key, FrameSink sink) {
        rooms.computeIfPresent(key, (k, sinks) -> {
            sinks.remove(sink);
            return sinks.isEmpty() ? null : sinks;
        });
    }
}

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
 * and from then on sees every generation started on that chat through this instance.
 */
@ApplicationScoped
public class ChatHub {

    /** A chat of one user. */
    public record ChatKey(String user, String chatId) {
    }

    static final int CHATS_PER_SINK = 32;

    private final Map<ChatKey, Set<FrameSink>> rooms = new ConcurrentHashMap<>();
    private final Map<FrameSink, Deque<ChatKey>> joined = new ConcurrentHashMap<>();

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

    private void remove(ChatKey key, FrameSink sink) {
        rooms.computeIfPresent(key, (k, sinks) -> {
            sinks.remove(sink);
            return sinks.isEmpty() ? null : sinks;
        });
    }
}

package io.z3chat.gateway.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A bounded, ordered queue of frames in front of one client connection. Writes are handed to the connection at once;
 * what the connection has not yet flushed to the network is counted, and when that exceeds the bound the client is
 * too slow: the outbox closes the connection and drops everything after. The reply itself is never held here:
 * llm-proxy saves it whatever happens to this client, which can reconnect and resume.
 * <p>
 * It also keeps, per generation, where the client's copy of the reply ends, so frames from two sources (a relay
 * another socket started, and this socket's own resume) join without gap or overlap.
 */
public final class Outbox implements FrameSink {

    /** The connection behind the outbox. */
    public interface Channel {
        /** Completes once the text is written to the network. */
        CompletionStage<Void> write(String text);

        /** Closes the connection because the client does not keep up. */
        void closeTooSlow();

        /** The flow is over (SSE ends its response; a socket ignores it). */
        default void finish() {
        }
    }

    private static final int TRACKED_GENERATIONS = 64;

    private final Channel channel;
    private final FrameJson json;
    private final long maxPendingChars;
    private final String transport;
    private final Runnable onOverflow;
    private final Map<String, Cursor> cursors = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cursor> eldest) {
            return size() > TRACKED_GENERATIONS;
        }
    };
    private final List<Runnable> waitingForRoom = new ArrayList<>();
    private long pendingChars;
    private long maxSeenPendingChars;
    private boolean open = true;

    public Outbox(Channel channel, FrameJson json, long maxPendingChars, String transport, Runnable onOverflow) {
        this.channel = channel;
        this.json = json;
        this.maxPendingChars = maxPendingChars;
        this.transport = transport;
        this.onOverflow = onOverflow;
    }

    @Override
    public void offer(ServerFrame frame) {
        boolean overflow = false;
        synchronized (this) {
            if (!open) {
                return;
            }
            ServerFrame accepted = admit(frame);
            if (accepted == null) {
                return;
            }
            String text = json.encode(accepted);
            long size = text.length();
            if (pendingChars + size > maxPendingChars) {
                open = false;
                overflow = true;
            } else {
                pendingChars += size;
                maxSeenPendingChars = Math.max(maxSeenPendingChars, pendingChars);
                // issued inside the lock so the connection receives frames in the order they were admitted
                channel.write(text).whenComplete((ignored, failure) -> written(size, failure));
            }
        }
        if (overflow) {
            onOverflow.run();
            channel.closeTooSlow();
            runWaiters();
        }
    }

    private void written(long size, Throwable failure) {
        List<Runnable> ready;
        synchronized (this) {
            pendingChars -= size;
            if (failure != null) {
                open = false;
            }
            ready = takeWaitersIfReady();
        }
        ready.forEach(Runnable::run);
    }

    /**
     * Room means at most half the bound unflushed: a sender that waits for it before each frame of at most
     * {@link ServerFrame.Delta#MAX_CHARS} never overflows, however long its text.
     */
    @Override
    public void whenReady(Runnable next) {
        synchronized (this) {
            if (open && pendingChars > maxPendingChars / 2) {
                waitingForRoom.add(next);
                return;
            }
        }
        next.run();
    }

    private List<Runnable> takeWaitersIfReady() {
        if (waitingForRoom.isEmpty() || (open && pendingChars > maxPendingChars / 2)) {
            return List.of();
        }
        List<Runnable> ready = new ArrayList<>(waitingForRoom);
        waitingForRoom.clear();
        return ready;
    }

    /** Drops or trims what this client already has; returns the frame to send, or null. */
    private ServerFrame admit(ServerFrame frame) {
        String generationId = frame.generationId();
        if (generationId == null) {
            return frame;
        }
        Cursor cursor = cursors.get(generationId);
        if (frame instanceof ServerFrame.Start) {
            if (cursor == null) {
                cursors.put(generationId, new Cursor(0, true));
                return frame;
            }
            if (cursor.started) {
                return null;
            }
            cursor.started = true;
            return frame;
        }
        if (frame instanceof ServerFrame.Delta delta) {
            if (cursor == null || cursor.done || delta.offset() > cursor.next || delta.end() <= cursor.next) {
                // never saw the start (no baseline), finished, a gap another source will fill, or a repeat
                return null;
            }
            ServerFrame.Delta trimmed = delta.offset() == cursor.next ? delta
                    : new ServerFrame.Delta(generationId, cursor.next, delta.text().substring(cursor.next - delta.offset()));
            cursor.next = trimmed.end();
            return trimmed;
        }
        if (frame instanceof ServerFrame.Done) {
            if (cursor != null && cursor.done) {
                return null;
            }
            if (cursor == null) {
                cursor = new Cursor(0, true);
                cursors.put(generationId, cursor);
            }
            cursor.done = true;
            return frame;
        }
        if (frame instanceof ServerFrame.Error) {
            return cursor != null && cursor.done ? null : frame;
        }
        return frame;
    }

    /**
     * The client says where its copy ends (a resume): the rest comes from there, even when this socket already sent
     * more. What it sent past that never became part of the page's text (the page dropped a delta of a reply it did
     * not know yet, or a delta went missing), and the page asks again only when it sees a gap.
     */
    @Override
    public synchronized void expect(String generationId, int offset) {
        Cursor cursor = cursors.get(generationId);
        if (cursor == null) {
            cursors.put(generationId, new Cursor(offset, false));
        } else {
            cursor.next = offset;
            cursor.done = false;
        }
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    /** The connection went away. */
    public void closed() {
        synchronized (this) {
            open = false;
        }
        runWaiters();
    }

    private void runWaiters() {
        List<Runnable> ready;
        synchronized (this) {
            ready = takeWaitersIfReady();
        }
        ready.forEach(Runnable::run);
    }

    @Override
    public void finish() {
        channel.finish();
    }

    @Override
    public String transport() {
        return transport;
    }

    /** The largest number of unflushed characters this outbox ever held (tests and diagnostics). */
    public synchronized long maxSeenPendingChars() {
        return maxSeenPendingChars;
    }

    private static final class Cursor {
        int next;
        boolean started;
        boolean done;

        Cursor(int next, boolean started) {
            this.next = next;
            this.started = started;
        }
    }
}

package io.z3chat.gateway.chat;

/** Somewhere frames go: one socket, or one SSE response. */
public interface FrameSink {

    /** Queues a frame; never blocks. A sink that falls too far behind closes itself instead of buffering more. */
    void offer(ServerFrame frame);

    /** The client already has the first {@code offset} units of this generation's reply (a resume). */
    void expect(String generationId, int offset);

    boolean isOpen();

    /** The send or resume flow this sink started is over (an SSE response ends; a socket stays). */
    void finish();

    /** {@code ws} or {@code sse}, for metrics. */
    String transport();
}

package io.z3chat.gateway.chat;

/** Who gets a flow's frames: the origin alone, or (a new reply) every socket of the user on the chat. */
record Audience(ChatHub hub, ChatHub.ChatKey key, FrameSink origin, boolean toRoom) {

    /** Hands a frame on; false once nobody listens any more. */
    boolean deliver(ServerFrame frame) {
        if (toRoom) {
            return hub.publish(key, origin, frame);
        }
        origin.offer(frame);
        return origin.isOpen();
    }

    void send(ServerFrame frame) {
        deliver(frame);
    }
}

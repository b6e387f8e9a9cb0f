package io.z3chat.local;

/** A port of the stack is taken, so nothing was started; the message names each port and what holds it. */
public final class PortTakenException extends IllegalStateException {

    PortTakenException(String message) {
        super(message);
    }
}

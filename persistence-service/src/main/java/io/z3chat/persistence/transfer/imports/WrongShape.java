package io.z3chat.persistence.transfer.imports;

/** A conversation whose inside has the wrong shape; it becomes an {@link UnreadableConversation}, not a failed upload. */
final class WrongShape extends RuntimeException {

    WrongShape(String reason) {
        // Expected for bad uploads and carried as a reason only: no stack trace to fill.
        super(reason, null, false, false);
    }
}

package io.z3chat.persistence.transfer.imports;

import io.z3chat.persistence.message.MessageError;
import io.z3chat.persistence.message.Timing;
import io.z3chat.persistence.message.Usage;

import java.time.Instant;

/**
 * A message of a conversation's visible branch; only its text, no attachments, images or tool calls.
 *
 * @param role      "user", "assistant", or "system" (only from z3chat files)
 * @param content   the text as stored; never blank, except an empty reply of a z3chat export
 * @param timestamp null when the file has none for it
 * @param model     null when unknown; third-party formats name it on replies only
 * @param status    only from z3chat files: "complete", "interrupted", "cancelled" or "error"
 * @param provider  only from z3chat files, like the last three
 */
public record SourceMessage(String role, String content, Instant timestamp, String model, String status,
                            String provider, Usage usage, Timing timing, MessageError error) {

    /** A message from a third-party export, which knows no status, provider, usage, timing or error. */
    static SourceMessage text(String role, String content, Instant timestamp, String model) {
        return new SourceMessage(role, content, timestamp, model, null, null, null, null, null);
    }
}

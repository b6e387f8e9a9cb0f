package io.z3chat.persistence.chat;

import java.time.Instant;

/** Fired (synchronously) after a chat is marked deleted; the purger and issue 3's share code listen. */
public record ChatDeleted(String userEmail, String chatId, Instant deletedAt) {
}

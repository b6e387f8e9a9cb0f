package io.z3chat.persistence.search;

import java.time.Instant;

/** One message that matched, with its chat's title and a snippet to show. */
public record SearchHit(String chatId, String chatTitle, String messageId, String role, Instant timestamp,
                        Snippet snippet) {
}

package io.z3chat.persistence.share;

import java.time.Instant;

/** {@code POST /chats/{id}/share}: an optional expiry; without one the link lasts until revoked. */
public record ShareRequest(Instant expiresAt) {
}

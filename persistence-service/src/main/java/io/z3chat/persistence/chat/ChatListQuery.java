package io.z3chat.persistence.chat;

import io.z3chat.persistence.common.QueryParams;
import io.z3chat.persistence.error.ApiException;

/** {@code GET /chats} parameters, checked. */
public record ChatListQuery(int limit, int offset, String titleContains, boolean archived) {

    public static final int MAX_QUERY_LENGTH = 200;

    public static ChatListQuery parse(String limit, String offset, String q, String archived) {
        return new ChatListQuery(
                QueryParams.intInRange(limit, "limit", 1, 100, 20),
                // Offset pages skip entries; bounded so no request can ask the store for a deep skip.
                QueryParams.intInRange(offset, "offset", 0, 10_000, 0),
                titleFilter(q),
                QueryParams.bool(archived, "archived", false));
    }

    private static String titleFilter(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            throw ApiException.invalid("q must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        if (q.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid("q must not contain control characters");
        }
        return q.strip();
    }
}

package io.z3chat.persistence.search;

import io.z3chat.persistence.common.Ids;
import io.z3chat.persistence.common.QueryParams;
import io.z3chat.persistence.error.ApiException;
import io.z3chat.persistence.message.Cursor;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * {@code GET /search}, parsed and checked: terms, an optional date range ({@code from}
 * inclusive, {@code to} inclusive; a bare date means that whole UTC day), an optional chat, a
 * page size and a cursor.
 */
public record SearchQuery(SearchTerms terms, Instant from, Instant toExclusive, String chatId, int limit, Cursor cursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static SearchQuery parse(String q, String from, String to, String chatId, String limit, String cursor) {
        var terms = SearchTerms.parse(q);
        var start = from == null || from.isEmpty() ? null : instant(from, "from", false);
        var end = to == null || to.isEmpty() ? null : instant(to, "to", true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ApiException.invalid("from must be before to");
        }
        var chat = chatId == null || chatId.isEmpty() ? null : Ids.require(chatId, "chatId");
        int size = QueryParams.intInRange(limit, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        var after = Cursor.decodeOptional(cursor, "cursor");
        return new SearchQuery(terms, start, end, chat, size, after);
    }

    /**
     * An ISO-8601 instant ({@code 2026-11-01T10:00:00Z}, with an offset too) or a date
     * ({@code 2026-11-01}, a UTC day). As an upper bound, the first instant after it.
     */
    static Instant instant(String value, String name, boolean upperBound) {
        try {
            if (value.length() == 10) {
                var day = LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
                return upperBound ? day.plusSeconds(86_400) : day;
            }
            var instant = OffsetDateTime.parse(value).toInstant();
            return upperBound ? instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusMillis(1) : instant;
        } catch (DateTimeException | ArithmeticException e) {
            throw ApiException.invalid(name + " must be an ISO-8601 date (2026-11-01) or instant (2026-11-01T10:00:00Z)");
        }
    }
}

package io.z3chat.persistence.message;

import io.z3chat.persistence.common.Ids;
import io.z3chat.persistence.error.ApiException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A position in a chat's (timestamp, id) order, opaque to callers: base64url of
 * {@code <epoch millis>:<message id>}. The id breaks ties between equal timestamps.
 */
public record Cursor(Instant timestamp, String id) implements Comparable<Cursor> {

    private static final int MAX_ENCODED = 120;

    public static Cursor of(MessageEntity message) {
        return new Cursor(message.timestamp, message.id);
    }

    /** The (timestamp, id) order of a chat's messages. */
    @Override
    public int compareTo(Cursor other) {
        int byTime = timestamp.compareTo(other.timestamp);
        return byTime != 0 ? byTime : id.compareTo(other.id);
    }

    public boolean isBefore(Cursor other) {
        return compareTo(other) < 0;
    }

    public String encode() {
        var raw = timestamp.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** @return the cursor, null when the parameter is absent or empty, or a 400 naming it */
    public static Cursor decodeOptional(String encoded, String name) {
        return encoded == null || encoded.isEmpty() ? null : decode(encoded, name);
    }

    /** @return the cursor, or a 400 naming the parameter */
    public static Cursor decode(String encoded, String name) {
        try {
            if (encoded.length() <= MAX_ENCODED) {
                var raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII);
                int colon = raw.indexOf(':');
                if (colon > 0 && Ids.isValid(raw.substring(colon + 1))) {
                    return new Cursor(Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))), raw.substring(colon + 1));
                }
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            // reported below; NumberFormatException is an IllegalArgumentException
        }
        throw ApiException.invalid(name + " is not a cursor this service issued");
    }
}

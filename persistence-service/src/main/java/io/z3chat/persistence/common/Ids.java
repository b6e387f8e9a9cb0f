package io.z3chat.persistence.common;

import io.z3chat.persistence.error.ApiException;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Chat, message and generation ids: checked at the edge, generated as 21-char nanoids. */
public final class Ids {

    private static final Pattern VALID = Pattern.compile("^[A-Za-z0-9_-]{8,64}$");
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** @return the id, or a 400 naming the parameter; an id never reaches a query unchecked. */
    public static String require(String id, String name) {
        if (!isValid(id)) {
            throw ApiException.invalid(name + " must match [A-Za-z0-9_-]{8,64}");
        }
        return id;
    }

    public static String nanoid() {
        var chars = new char[21];
        for (int i = 0; i < chars.length; i++) {
            // 64 symbols: the low six bits of a random int are uniform.
            chars[i] = ALPHABET[RANDOM.nextInt() & 63];
        }
        return new String(chars);
    }
}

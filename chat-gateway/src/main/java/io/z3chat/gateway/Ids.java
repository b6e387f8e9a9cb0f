package io.z3chat.gateway;

import java.security.SecureRandom;
import java.util.regex.Pattern;

import io.z3chat.gateway.error.GatewayException;

/** Identifier rules of the contract, checked at the edge before any id reaches a downstream URL. */
public final class Ids {

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_-]{8,64}$");
    private static final Pattern SHARE_ID = Pattern.compile("^[A-Za-z0-9_-]{16,64}$");
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    /** A chat, message or generation id; anything else is 400 {@code invalid_request}. */
    public static String requireId(String value, String what) {
        if (!isId(value)) {
            throw GatewayException.invalidRequest("Invalid " + what);
        }
        return value;
    }

    public static String requireShareId(String value) {
        if (value == null || !SHARE_ID.matcher(value).matches()) {
            throw GatewayException.notFound("No such shared chat");
        }
        return value;
    }

    /** A 21-character nanoid. */
    public static String newId() {
        char[] id = new char[21];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}

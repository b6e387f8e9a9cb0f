package io.z3chat.llmproxy.generation;

import java.security.SecureRandom;

/** Identifiers as the contract defines them. */
public final class Ids {

    public static final String PATTERN = "^[A-Za-z0-9_-]{8,64}$";
    public static final String MESSAGE = "must be 8 to 64 characters of A-Z, a-z, 0-9, _ and -";

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** {@code gen_} and a 21-character nanoid. */
    public static String newGenerationId() {
        char[] id = new char[21];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return "gen_" + new String(id);
    }
}

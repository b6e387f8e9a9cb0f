package io.z3chat.persistence.transfer;

import java.text.Normalizer;
import java.util.Locale;

/** A download's file name from a chat title: ASCII letters, digits and dashes only, never empty. */
final class FileNames {

    private static final int MAX = 60;

    private FileNames() {
    }

    static String of(String title) {
        var ascii = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKD)
                .replaceAll("[^A-Za-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "")
                .toLowerCase(Locale.ROOT);
        if (ascii.length() > MAX) {
            ascii = ascii.substring(0, MAX).replaceAll("-+$", "");
        }
        return ascii.isEmpty() ? "chat" : ascii;
    }
}

package io.z3chat.persistence.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** MongoDB keeps milliseconds; cutting our clock to them keeps a response equal to a later read. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}

package io.z3chat.persistence.transfer.imports;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Times as exports store them: ISO text (any precision, any offset) or epoch seconds, sometimes milliseconds. */
final class SourceTimes {

    /** Epoch seconds stay below this until the year 33658; a larger number is milliseconds (Open WebUI does both). */
    private static final BigDecimal MILLIS_FROM = BigDecimal.valueOf(1_000_000_000_000L);

    private SourceTimes() {
    }

    /** The instant the value names, or null when it is absent or names none. */
    static Instant instant(JsonNode value) {
        if (value == null) {
            return null;
        }
        try {
            if (value.isNumber()) {
                return epoch(value);
            }
            return value.isTextual() ? iso(value.textValue()) : null;
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private static Instant epoch(JsonNode value) {
        // valueOf(double) keeps the digits as written (1714585031.150442), not the binary fraction.
        BigDecimal seconds = value.isBigDecimal() ? value.decimalValue()
                : value.isIntegralNumber() ? new BigDecimal(value.bigIntegerValue())
                : BigDecimal.valueOf(value.doubleValue());
        if (seconds.abs().compareTo(MILLIS_FROM) >= 0) {
            seconds = seconds.movePointLeft(3);
        }
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    private static Instant iso(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException withoutOffset) {
            // A time without an offset: exports that write one this way mean UTC.
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }
}

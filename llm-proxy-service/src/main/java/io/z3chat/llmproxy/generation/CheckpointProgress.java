package io.z3chat.llmproxy.generation;

import io.z3chat.llmproxy.retry.Backoff;

/**
 * How far a generation's text has been checkpointed, whether a checkpoint write is under way (never more than one),
 * and how long to hold off after a failed one.
 */
final class CheckpointProgress {

    /** What a checkpointer tick finds for this generation. */
    enum Turn {
        /** There is text past what was saved, and nothing stands in the way. */
        WRITE,
        NOTHING_NEW,
        /** The previous write is still under way and the text has grown since: the next tick carries it. */
        SUPERSEDED,
        /** The last write failed; the next waits out its backoff. */
        BACKOFF
    }

    private int saved;
    private int sending;
    private boolean inFlight;
    private int failures;
    private long notBeforeNanos;
    private long lastAttemptNanos = Long.MIN_VALUE;

    synchronized Turn turn(Generation generation, long nowNanos) {
        if (inFlight) {
            return generation.length() > sending ? Turn.SUPERSEDED : Turn.NOTHING_NEW;
        }
        if (failures > 0 && nowNanos - notBeforeNanos < 0) {
            return Turn.BACKOFF;
        }
        return generation.length() > saved ? Turn.WRITE : Turn.NOTHING_NEW;
    }

    /**
     * Claims the next write when none is under way: the full text, if it is longer than what was saved (or, for the
     * {@code initial} write that creates the streaming message, whatever there is, even nothing); else null.
     */
    synchronized String claim(Generation generation, long nowNanos, boolean initial) {
        if (inFlight) {
            return null;
        }
        String text = initial ? generation.text() : generation.textLongerThan(saved);
        if (text != null) {
            inFlight = true;
            sending = text.length();
            lastAttemptNanos = nowNanos;
        }
        return text;
    }

    synchronized void settled(boolean landed, long nowNanos, Backoff backoff) {
        inFlight = false;
        if (landed) {
            saved = Math.max(saved, sending);
            failures = 0;
        } else {
            failures++;
            notBeforeNanos = nowNanos + backoff.delayAfter(failures).toNanos();
        }
    }

    /** When this generation last had a write claimed: the tick serves the longest-waiting first. */
    synchronized long lastAttemptNanos() {
        return lastAttemptNanos;
    }
}

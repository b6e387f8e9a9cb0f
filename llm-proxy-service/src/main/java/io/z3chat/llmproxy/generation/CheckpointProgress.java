package io.z3chat.llmproxy.generation;

/** How far a generation's text has been checkpointed, and whether a checkpoint write is under way. */
final class CheckpointProgress {

    private int saved;
    private int sending;
    private boolean inFlight;

    /** Claims the next write when none is under way and there is text past what was saved; else null. */
    synchronized String claim(Generation generation) {
        if (inFlight) {
            return null;
        }
        String text = generation.textLongerThan(saved);
        if (text != null) {
            inFlight = true;
            sending = text.length();
        }
        return text;
    }

    synchronized boolean busyWithOlderText(Generation generation) {
        return inFlight && generation.length() > sending;
    }

    synchronized void settled(boolean landed) {
        inFlight = false;
        if (landed) {
            saved = Math.max(saved, sending);
        }
    }
}

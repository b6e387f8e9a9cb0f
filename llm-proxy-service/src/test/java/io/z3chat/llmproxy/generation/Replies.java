package io.z3chat.llmproxy.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.z3chat.llmproxy.fake.SseClient.Event;

/** Checks on event streams that many tests share. */
final class Replies {

    private Replies() {
    }

    /**
     * The reply text of a stream that started at offset 0, after checking the contract's shape: {@code start} first,
     * deltas joining without gap or overlap (offsets in UTF-16 code units), {@code done} last.
     */
    static String joined(List<Event> events) {
        return joinedFrom(0, events);
    }

    static String joinedFrom(int from, List<Event> events) {
        assertEquals("start", events.get(0).type(), "start comes first");
        StringBuilder text = new StringBuilder();
        for (Event event : events.subList(1, events.size())) {
            assertEquals(event.type(), event.data().getString("type"), "event name and type agree");
            if (event.type().equals("delta")) {
                assertEquals(from + text.length(), event.data().getInteger("offset"), "deltas join without gap");
                text.append(event.data().getString("text"));
            }
        }
        Event last = events.get(events.size() - 1);
        if (last.type().equals("done")) {
            assertEquals(1, events.stream().filter(e -> e.type().equals("done")).count(), "one done, last");
        }
        return text.toString();
    }
}
